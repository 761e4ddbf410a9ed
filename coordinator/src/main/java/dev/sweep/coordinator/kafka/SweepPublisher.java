package dev.sweep.coordinator.kafka;

import dev.sweep.common.wire.ControlMessage;
import dev.sweep.common.wire.DeadLetter;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.Proposal;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.common.wire.Topics;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.common.wire.WireCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The coordinator's producer: idempotent, acks from all replicas. A trial goes to
 * {@link Topics#TRIALS} first and its {@code queued} event second, each waited for, so the log
 * never claims a trial that was not published.
 */
public final class SweepPublisher implements AutoCloseable {
    static final int DELIVERY_TIMEOUT_MS = 90_000;
    /** The producer fails a send itself after its delivery timeout; waiting longer only guards against a hang. */
    private static final long ACK_WAIT_MS = DELIVERY_TIMEOUT_MS + 10_000;

    private final KafkaProducer<String, byte[]> producer;
    private final String bootstrap;

    public SweepPublisher(KafkaSettings settings) {
        Properties p = settings.durableProducerProperties();
        // an unreachable cluster: the first send fails after this long, naming the bootstrap servers
        p.put("max.block.ms", "30000");
        // a lost broker: its partitions' new leaders are elected after the controller's broker session
        // timeout (9 s by default); this leaves several request timeouts and elections for it
        p.put("delivery.timeout.ms", String.valueOf(DELIVERY_TIMEOUT_MS));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.bootstrap = settings.bootstrap();
    }

    /** Publishes to the partition the trial id hashes to, with no report settings on its queued event. */
    public void publish(TrialSpec trial) {
        publish(trial, null, null);
    }

    /**
     * Publishes to {@code partition} (an idle worker's), or by key when null.
     *
     * @param report the sweep's report settings, for the queued event (the report reads them from the log)
     */
    public void publish(TrialSpec trial, Integer partition, ReportPlan report) {
        publish(trial, partition, report, null);
    }

    /** As {@link #publish(TrialSpec, Integer, ReportPlan)}, the queued event carrying an adaptive strategy's proposal. */
    public void publish(TrialSpec trial, Integer partition, ReportPlan report, Proposal proposal) {
        publish(List.of(new Outgoing(trial, partition, proposal)), report);
    }

    /**
     * A trial to publish: to {@code partition} (an idle worker's), or by key when null, its queued
     * event carrying {@code proposal} (an adaptive strategy's, or null).
     */
    public record Outgoing(TrialSpec trial, Integer partition, Proposal proposal) {
        public Outgoing {
            if (trial == null) {
                throw new IllegalArgumentException("an outgoing trial needs its trial");
            }
        }
    }

    /**
     * Publishes several trials in two round trips whatever their number: every trial, flushed
     * and acknowledged, then every queued event, flushed and acknowledged. The log never claims a
     * trial that was not published (a queued event goes out only once its trial is on the
     * broker); a worker that starts its trial before the queued event lands is folded in order
     * all the same (the state keeps such early events until the queued event comes). The flushes
     * skip the producer's linger: the coordinator waits for these acknowledgements anyway, and
     * sixteen workers that freed up together are handed their trials in two round trips, not
     * seventeen.
     */
    public void publish(List<Outgoing> trials, ReportPlan report) {
        List<ProducerRecord<String, byte[]>> specs = new ArrayList<>(trials.size());
        List<ProducerRecord<String, byte[]>> queued = new ArrayList<>(trials.size());
        for (Outgoing o : trials) {
            specs.add(new ProducerRecord<>(Topics.TRIALS, o.partition(), o.trial().trialId(), WireCodec.encode(o.trial())));
            queued.add(new ProducerRecord<>(Topics.EVENTS, o.trial().trialId(),
                    WireCodec.encode(TrialEvent.Queued.of(o.trial(), report, o.proposal()))));
        }
        sendAll(specs);
        sendAll(queued);
    }

    /** An event the coordinator writes itself: a trial it declares failed. */
    public void event(TrialEvent event) {
        send(new ProducerRecord<>(Topics.EVENTS, event.trialId(), WireCodec.encode(event)));
    }

    public void dead(DeadLetter letter) {
        send(new ProducerRecord<>(Topics.DEAD, letter.trialId(), WireCodec.encode(letter)));
    }

    public void control(ControlMessage message) {
        send(new ProducerRecord<>(Topics.CONTROL, message.sweepId(), WireCodec.encode(message)));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        sendAll(List.of(record));
    }

    /** Sends the records and returns once the broker acknowledged every one. */
    private void sendAll(List<ProducerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, byte[]> r : records) {
                acks.add(producer.send(r));
            }
            producer.flush(); // waited for anyway: no point in lingering for a batch to fill
            for (Future<RecordMetadata> ack : acks) {
                ack.get(ACK_WAIT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnreachableException(bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException(bootstrap, e);
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
