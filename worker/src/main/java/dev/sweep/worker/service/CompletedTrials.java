package dev.sweep.worker.service;

import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The trials whose result is already in the event log. A trial can be delivered again after its
 * result was acknowledged (the worker died before it committed); reading the log up to its end
 * before training tells the worker to skip it instead of training it twice.
 */
final class CompletedTrials implements AutoCloseable {
    private static final byte[] COMPLETED = "\"type\":\"completed\"".getBytes(StandardCharsets.UTF_8);
    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<String> completed = new HashSet<>();

    CompletedTrials(KafkaSettings settings, String workerId) {
        Properties p = settings.consumerProperties();
        p.put("client.id", "sweep-results-" + workerId);
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS, Duration.ofSeconds(60)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Whether the log, read to its current end, holds a completed event of {@code trialId}. */
    boolean contains(String trialId) {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30));
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.key() != null && contains(r.value(), COMPLETED)) {
                    completed.add(r.key()); // events are keyed by trial id
                }
            }
        }
        return completed.contains(trialId);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
