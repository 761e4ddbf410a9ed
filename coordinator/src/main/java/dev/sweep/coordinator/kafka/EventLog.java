package dev.sweep.coordinator.kafka;

import dev.sweep.common.codec.ConfigException;
import dev.sweep.common.wire.DeadLetter;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.Topics;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.WireCodec;
import dev.sweep.common.wire.WorkerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the event log (and the dead-letter and worker topics) from the beginning, with no consumer group:
 * the coordinator owns no offsets, so a restarted one replays everything and rebuilds the same
 * state. A record this build cannot read is reported and skipped, never fatal.
 */
public final class EventLog implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String bootstrap;
    private final Consumer<String> warnings;

    /** What one poll brought. */
    public record Batch(List<TrialEvent> events, List<DeadLetter> dead, List<WorkerStatus> workers) {}

    public EventLog(KafkaSettings settings, Consumer<String> warnings) {
        Properties p = settings.consumerProperties();
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.poll.records", "2000");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.bootstrap = settings.bootstrap();
        this.warnings = warnings;
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.EVENTS, Topics.DEAD, Topics.WORKERS)) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            } catch (TimeoutException e) {
                consumer.close();
                throw new KafkaUnreachableException(bootstrap, e);
            }
            infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public Batch poll(Duration timeout) {
        List<TrialEvent> events = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        List<WorkerStatus> workers = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            try {
                if (r.topic().equals(Topics.DEAD)) {
                    dead.add(WireCodec.dead(r.value()));
                } else if (r.topic().equals(Topics.WORKERS)) {
                    workers.add(WireCodec.workerStatus(r.value()));
                } else {
                    events.add(WireCodec.event(r.value()));
                }
            } catch (ConfigException e) {
                warnings.accept("skipped " + r.topic() + " offset " + r.offset() + ": " + e.getMessage());
            }
        }
        return new Batch(events, dead, workers);
    }

    /** Reads until every partition is at the end it had when this was called. */
    public Batch catchUp() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30));
        List<TrialEvent> events = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        List<WorkerStatus> workers = new ArrayList<>();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            Batch b = poll(Duration.ofMillis(500));
            events.addAll(b.events());
            dead.addAll(b.dead());
            workers.addAll(b.workers());
        }
        return new Batch(events, dead, workers);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
