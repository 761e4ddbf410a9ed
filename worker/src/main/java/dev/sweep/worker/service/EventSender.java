package dev.sweep.worker.service;

import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.Topics;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.WireCodec;
import dev.sweep.common.wire.WorkerStatus;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The worker's producer of trial events: idempotent, acks from all replicas, keyed by trial id. */
final class EventSender implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    EventSender(KafkaSettings settings) {
        Properties p = settings.durableProducerProperties();
        p.put("linger.ms", "20");
        // a broker blip must not lose a result: keep retrying for as long as a restart takes
        p.put("delivery.timeout.ms", "300000");
        p.put("max.block.ms", "300000");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    KafkaProducer<String, byte[]> producer() {
        return producer;
    }

    /** Progress and evaluations: sent in the background. */
    void send(TrialEvent event) {
        producer.send(record(event));
    }

    /**
     * A terminal event: returns only once the broker has acknowledged it. Flushed, not lingered
     * over: it is waited for anyway.
     */
    void sendAndWait(TrialEvent event) throws InterruptedException {
        sendAndWait(event, null);
    }

    /**
     * As {@link #sendAndWait(TrialEvent)}, with the heartbeat that follows the terminal event in
     * the same flush ({@code next}, or nothing when null): the worker's end of a trial costs one
     * round trip before the coordinator can hand it the next.
     */
    void sendAndWait(TrialEvent event, WorkerStatus next) throws InterruptedException {
        try {
            var ack = producer.send(record(event));
            if (next != null) {
                producer.send(status(next));
            }
            producer.flush();
            ack.get(300, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge the " + event.getClass().getSimpleName()
                    + " event of trial " + event.trialId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A heartbeat on {@link Topics#WORKERS}, flushed: an idle one is what the coordinator
     * dispatches on, and they come seconds apart, so the linger would only delay the next trial.
     */
    void send(WorkerStatus status) {
        producer.send(status(status));
        producer.flush();
    }

    private static ProducerRecord<String, byte[]> status(WorkerStatus status) {
        return new ProducerRecord<>(Topics.WORKERS, status.workerId(), WireCodec.encode(status));
    }

    private static ProducerRecord<String, byte[]> record(TrialEvent event) {
        return new ProducerRecord<>(Topics.EVENTS, event.trialId(), WireCodec.encode(event));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
