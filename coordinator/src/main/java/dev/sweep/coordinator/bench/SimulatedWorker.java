package dev.sweep.coordinator.bench;

import dev.sweep.common.codec.ConfigException;
import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.Topics;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.common.wire.WireCodec;
import dev.sweep.common.wire.WireVersion;
import dev.sweep.common.wire.WorkerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A benchmark worker that trains nothing: it speaks the worker's side of the wire protocol
 * (docs/protocol.md) on its own thread, so the coordinator cannot tell it from a real one. It
 * owns fixed trial partitions (assigned, not a consumer group's choice: the benchmark needs
 * every worker to own one from the start), says idle or busy on {@link Topics#WORKERS} every
 * three seconds and on every change, takes one trial at a time, sends {@code started}, then
 * {@code progress} and {@code evaluated} events spread over the trial's duration, waits out the
 * duration, sends {@code completed} and its idle heartbeat in one flush, waits for the broker's
 * acknowledgement, and commits the trial's offset. Its producer has the real worker's settings (idempotent, acks
 * from all replicas, the same linger), so the gaps it leaves between trials are a real worker's.
 *
 * <p>Not simulated: reading {@code sweep.control} (the benchmark cancels and prunes nothing),
 * failures, and the group rebalances of workers that come and go.
 */
final class SimulatedWorker {
    /** The real worker's heartbeat period. */
    static final long STATUS_PERIOD_MS = 3000;

    /** When one trial came and went, in wall milliseconds (one clock: every worker is in this JVM). */
    record Served(String trialId, long dispatchedAt, long receivedAt, long completedAt, long idleAt) {}

    private final String workerId;
    private final List<TopicPartition> partitions;
    private final long trialNanos;
    private final int evaluations;
    private final KafkaConsumer<String, byte[]> trials;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Served> served = new ArrayList<>();
    /** Trials served so far, read by the harness while the run goes on. */
    private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
    private final Thread thread;
    private long lastStatus;
    private volatile RuntimeException failure;

    /**
     * @param partitions the trial partitions this worker owns
     * @param trialSeconds how long each trial "trains"
     * @param evaluations progress and evaluated events (one each) per trial, spread evenly
     * @param lingerMs the producer's linger for progress events: the real worker's is 20 ms (terminal events and heartbeats are flushed)
     */
    SimulatedWorker(KafkaSettings settings, String workerId, List<Integer> partitions, double trialSeconds,
            int evaluations, int lingerMs) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("worker " + workerId + " needs at least one trial partition");
        }
        this.workerId = workerId;
        this.partitions = partitions.stream().map(p -> new TopicPartition(Topics.TRIALS, p)).toList();
        this.trialNanos = Math.round(trialSeconds * 1e9);
        this.evaluations = evaluations;
        Properties c = settings.properties();
        c.put("group.id", "sweep-bench-workers"); // for its commits only: the partitions are assigned
        c.put("client.id", "sweep-bench-" + workerId);
        c.put("enable.auto.commit", "false");
        c.put("auto.offset.reset", "earliest");
        c.put("max.poll.records", "1");
        this.trials = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        Properties p = settings.properties();
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        p.put("linger.ms", String.valueOf(lingerMs));
        p.put("client.id", "sweep-bench-events-" + workerId);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::serveUntilStopped, "simulated-worker-" + workerId);
    }

    void start() {
        thread.start();
    }

    void join() throws InterruptedException {
        thread.join();
    }

    int servedCount() {
        return count.get();
    }

    String workerId() {
        return workerId;
    }

    /** The trials this worker served, in order; read after {@link #join()}. */
    List<Served> served() {
        return served;
    }

    /** What stopped this worker early, or null. */
    RuntimeException failure() {
        return failure;
    }

    void stop() {
        stop.set(true);
    }

    private void serveUntilStopped() {
        try {
            trials.assign(partitions);
            status(WorkerStatus.State.IDLE, null);
            while (!stop.get()) {
                for (ConsumerRecord<String, byte[]> r : trials.poll(Duration.ofMillis(200))) {
                    serve(r);
                }
                heartbeatIfDue(WorkerStatus.State.IDLE, null);
            }
            status(WorkerStatus.State.STOPPED, null);
        } catch (RuntimeException e) {
            failure = e; // the harness reports it and fails the run
        } finally {
            producer.close(Duration.ofSeconds(5));
            trials.close(Duration.ofSeconds(5));
        }
    }

    private void serve(ConsumerRecord<String, byte[]> record) {
        long receivedAt = System.currentTimeMillis();
        TrialSpec trial;
        try {
            trial = WireCodec.trial(record.value());
        } catch (ConfigException e) {
            throw new IllegalStateException("worker " + workerId + ": unreadable trial at offset " + record.offset(), e);
        }
        long start = System.nanoTime();
        status(WorkerStatus.State.BUSY, trial.trialId());
        send(new TrialEvent.Started(WireVersion.CURRENT, trial.sweepId(), trial.trialId(), trial.attempt(), receivedAt,
                workerId, "sim"));
        double value = score(trial);
        List<EvalPoint> history = new ArrayList<>();
        for (int k = 1; k <= evaluations; k++) {
            waitUntil(start + trialNanos * k / (evaluations + 1), trial.trialId());
            long now = System.currentTimeMillis();
            send(new TrialEvent.Progress(WireVersion.CURRENT, trial.sweepId(), trial.trialId(), trial.attempt(), now,
                    workerId, 0, k, evaluations + 1, 1.0 / k, 1e-4, 100, 10));
            EvalPoint point = EvalPoint.of(0, k, 1.0 / k, Map.of("accuracy", value * k / evaluations));
            history.add(point);
            send(new TrialEvent.Evaluated(WireVersion.CURRENT, trial.sweepId(), trial.trialId(), trial.attempt(), now,
                    workerId, trial.fold(), point));
        }
        waitUntil(start + trialNanos, trial.trialId());
        long completedAt = System.currentTimeMillis();
        TreeMap<String, Double> metrics = new TreeMap<>(Map.of("accuracy", value));
        TrialResult result = new TrialResult("accuracy", true, metrics, evaluations, metrics, history, evaluations + 1,
                0, trialNanos / 1e9, 100, 10, 0, 0, "");
        // as the real worker: the result and the idle heartbeat in one flush, then the commit
        long idleAt = sendAndWait(new TrialEvent.Completed(WireVersion.CURRENT, trial.sweepId(), trial.trialId(),
                trial.attempt(), completedAt, workerId, result));
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        trials.commitSync(Map.of(tp, new OffsetAndMetadata(record.offset() + 1)));
        served.add(new Served(trial.trialId(), record.timestamp(), receivedAt, completedAt, idleAt));
        count.incrementAndGet();
    }

    /** A made-up accuracy that differs by configuration and seed, so the report has something to compare. */
    private static double score(TrialSpec trial) {
        return 0.9 + (Math.floorMod(trial.configName().hashCode(), 50) + Math.floorMod(trial.seed(), 7)) / 1000.0;
    }

    /** Sleeps until {@code deadlineNanos}, keeping the heartbeat going as the real worker's poll loop does. */
    private void waitUntil(long deadlineNanos, String trialId) {
        for (long left; (left = deadlineNanos - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(Math.min(left, 100_000_000L));
            heartbeatIfDue(WorkerStatus.State.BUSY, trialId);
        }
    }

    private void heartbeatIfDue(WorkerStatus.State state, String trialId) {
        if (System.currentTimeMillis() - lastStatus >= STATUS_PERIOD_MS) {
            status(state, trialId);
        }
    }

    /** Sends a heartbeat, flushed as the real worker flushes its heartbeats. */
    private void status(WorkerStatus.State state, String trialId) {
        producer.send(heartbeat(state, trialId));
        producer.flush();
    }

    /** A heartbeat as of now, counted as sent. */
    private ProducerRecord<String, byte[]> heartbeat(WorkerStatus.State state, String trialId) {
        long now = System.currentTimeMillis();
        List<Integer> owned = state == WorkerStatus.State.STOPPED ? List.of()
                : partitions.stream().map(TopicPartition::partition).toList();
        lastStatus = now;
        return new ProducerRecord<>(Topics.WORKERS, workerId, WireCodec.encode(new WorkerStatus(
                WireVersion.CURRENT, workerId, "sim", state, owned, trialId, now)));
    }

    private void send(TrialEvent event) {
        producer.send(new ProducerRecord<>(Topics.EVENTS, event.trialId(), WireCodec.encode(event)));
    }

    /** Sends the terminal event and the idle heartbeat in one flush, waits for the event; returns the heartbeat's time. */
    private long sendAndWait(TrialEvent event) {
        try {
            var ack = producer.send(new ProducerRecord<>(Topics.EVENTS, event.trialId(), WireCodec.encode(event)));
            producer.send(heartbeat(WorkerStatus.State.IDLE, null));
            long idleAt = lastStatus;
            producer.flush(); // as the real worker flushes its terminal events
            ack.get(60, TimeUnit.SECONDS);
            return idleAt;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("worker " + workerId + ": the broker did not acknowledge the result of "
                    + event.trialId(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("worker " + workerId + " interrupted", e);
        }
    }
}
