package dev.sweep.worker.service;

import dev.sweep.common.codec.ConfigException;
import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.ControlMessage;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.Topics;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.common.wire.WireCodec;
import dev.sweep.common.wire.WireVersion;
import dev.sweep.common.wire.WorkerStatus;
import dev.sweep.worker.train.TrainingDivergedException;
import dev.sweep.worker.train.TrainingListener;
import dev.sweep.worker.train.TrialRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One worker: a member of the workers' group on {@link Topics#TRIALS} that trains one trial at
 * a time. While a trial trains (far longer than {@code max.poll.interval.ms}) the consumer
 * thread pauses its partitions and keeps polling, so the group keeps it. The
 * {@link BusyAwareAssignor} means a worker that joins never takes a partition whose trial is
 * running. A trial's
 * offset is committed only after its terminal event is acknowledged: a worker killed mid-trial
 * leaves the trial to the next owner of its partition.
 */
public final class WorkerService implements AutoCloseable {
    private final String workerId;
    private final String device;
    private final KafkaSettings settings;
    private final KafkaConsumer<String, byte[]> trials;
    private final KafkaConsumer<String, byte[]> control;
    private final EventSender events;
    private final CompletedTrials results;
    private final PrintStream log;
    private final ExecutorService trainer = Executors.newSingleThreadExecutor(r -> new Thread(r, "trainer"));
    private final Set<String> cancelledSweeps = new HashSet<>();
    private final Set<String> cancelledTrials = new HashSet<>();
    /** Trials the coordinator's pruner stopped; read on the training thread too. */
    private final Set<String> prunedTrials = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicBoolean shutdown = new AtomicBoolean();
    private Running running;
    private boolean statusDue = true;
    private long lastStatus;
    /** Heartbeat period: the coordinator counts a worker silent for three periods as gone. */
    static final long STATUS_PERIOD_MS = 3000;

    /** The trial on the training thread, where it came from, and the flag that stops it. */
    private record Running(TrialSpec trial, TopicPartition partition, long offset, Future<TrialEvent> outcome,
            AtomicBoolean stop, AtomicBoolean lost) {}

    private final WorkerMetrics metrics;

    /**
     * @param registry where the worker's meters go (its /metrics endpoint)
     * @param gpuMemory bytes in use on a GPU device, for the GPU memory gauge
     */
    public WorkerService(KafkaSettings settings, String workerId, String device, PrintStream log,
            MeterRegistry registry, ToDoubleFunction<String> gpuMemory) {
        this.settings = settings;
        this.workerId = workerId;
        this.device = device;
        this.log = log;
        Properties p = settings.consumerProperties();
        p.put("group.id", Topics.WORKER_GROUP);
        p.put("client.id", "sweep-worker-" + workerId);
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.poll.records", "1");
        p.put("max.poll.interval.ms", "60000");
        // the classic protocol's fastest detection of a killed worker (the broker's minimum)
        p.put("session.timeout.ms", "6000");
        p.put("heartbeat.interval.ms", "2000");
        p.put("partition.assignment.strategy", BusyAwareAssignor.class.getName());
        p.put(BusyAwareAssignor.BUSY_PARTITION, (Supplier<TopicPartition>) () -> running == null ? null : running.partition());
        this.trials = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        Properties c = settings.consumerProperties();
        c.put("client.id", "sweep-control-" + workerId);
        c.put("enable.auto.commit", "false");
        this.control = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        this.events = new EventSender(settings);
        this.results = new CompletedTrials(settings, workerId);
        this.metrics = new WorkerMetrics(registry, workerId, device, gpuMemory);
        metrics.bind(trials, events.producer());
    }

    /** Serves trials until {@link #shutdown()} is called or the thread is interrupted. */
    public void run() throws InterruptedException {
        List<TopicPartition> controlPartitions = controlPartitions();
        if (controlPartitions.isEmpty()) {
            return; // shut down while waiting
        }
        control.assign(controlPartitions);
        control.seekToBeginning(controlPartitions); // a cancel sent before this worker started still counts
        trials.subscribe(List.of(Topics.TRIALS), new Rebalance());
        log.println("worker " + workerId + " (" + device + ") waiting for trials on " + settings.bootstrap());
        while (!shutdown.get()) {
            readControl();
            sendStatusIfDue();
            ConsumerRecords<String, byte[]> records;
            try {
                records = trials.poll(Duration.ofMillis(200));
            } catch (WakeupException e) {
                records = ConsumerRecords.empty(); // the trial ended: see to it now, not at the poll's timeout
            }
            if (running != null) {
                for (ConsumerRecord<String, byte[]> r : records) {
                    // fetched from a partition assigned mid-trial before it was paused: read it again later
                    trials.seek(new TopicPartition(r.topic(), r.partition()), r.offset());
                }
                trials.pause(trials.assignment());
                finishIfDone();
            } else {
                for (ConsumerRecord<String, byte[]> r : records) {
                    take(r);
                }
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * The control topic's partitions, once it exists: a worker started before the coordinator (or
     * while it is still creating the topics) waits for them rather than assigning itself nothing,
     * which the consumer refuses at its first poll. Empty only when shut down while waiting.
     */
    private List<TopicPartition> controlPartitions() throws InterruptedException {
        boolean said = false;
        while (!shutdown.get()) {
            List<org.apache.kafka.common.PartitionInfo> info = control.partitionsFor(Topics.CONTROL, Duration.ofSeconds(60));
            if (info != null && !info.isEmpty()) {
                return info.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            if (!said) {
                log.println("worker " + workerId + ": no topic " + Topics.CONTROL + " on " + settings.bootstrap()
                        + " yet; waiting for a coordinator to create the sweep topics");
                said = true;
            }
            Thread.sleep(500); // a back-off between metadata requests, not a wait for an event
        }
        return List.of();
    }

    private void sendStatusIfDue() {
        long now = System.currentTimeMillis();
        if (!statusDue && now - lastStatus < STATUS_PERIOD_MS) {
            return;
        }
        List<Integer> partitions = trials.assignment().stream().map(TopicPartition::partition).sorted().toList();
        if (partitions.isEmpty() && running == null) {
            return; // not in the group yet: nothing can be sent to this worker
        }
        events.send(status(running == null ? WorkerStatus.State.IDLE : WorkerStatus.State.BUSY,
                running == null ? null : running.trial().trialId()));
    }

    /** This worker's heartbeat as of now, counted as sent. */
    private WorkerStatus status(WorkerStatus.State state, String trialId) {
        long now = System.currentTimeMillis();
        List<Integer> partitions = trials.assignment().stream().map(TopicPartition::partition).sorted().toList();
        lastStatus = now;
        statusDue = false;
        return new WorkerStatus(WireVersion.CURRENT, workerId, device, state, partitions, trialId, now);
    }

    public void shutdown() {
        shutdown.set(true);
    }

    private void readControl() {
        for (ConsumerRecord<String, byte[]> r : control.poll(Duration.ZERO)) {
            ControlMessage m;
            try {
                m = WireCodec.control(r.value());
            } catch (ConfigException e) {
                log.println("worker " + workerId + ": skipped control offset " + r.offset() + ": " + e.getMessage());
                continue;
            }
            if (m.action() == ControlMessage.Action.CANCEL) {
                if (m.trialId() == null) {
                    cancelledSweeps.add(m.sweepId());
                } else {
                    cancelledTrials.add(m.trialId());
                }
            } else if (m.action() == ControlMessage.Action.PRUNE) {
                prunedTrials.add(m.trialId());
            }
            if (running != null && m.covers(running.trial().sweepId(), running.trial().trialId())) {
                running.stop().set(true);
            }
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        TrialSpec trial;
        try {
            trial = WireCodec.trial(record.value());
        } catch (ConfigException e) {
            // a message no worker of this version can read: skipping it is the only way forward
            log.println("worker " + workerId + ": skipped unreadable trial at " + tp + " offset " + record.offset()
                    + ": " + e.getMessage());
            commit(tp, record.offset());
            return;
        }
        if (results.contains(trial.trialId())) {
            // delivered again after its result was acknowledged: the result stands, nothing to train
            log.println("worker " + workerId + ": skipped " + trial.trialId() + " (its result is already in the log)");
            commit(tp, record.offset());
            return;
        }
        if (prunedTrials.contains(trial.trialId())) {
            // pruned while this delivery waited (its worker died after the decision): nothing left to train
            events.sendAndWait(pruned(trial));
            commit(tp, record.offset());
            return;
        }
        if (cancelledSweeps.contains(trial.sweepId()) || cancelledTrials.contains(trial.trialId())) {
            events.sendAndWait(cancelled(trial));
            commit(tp, record.offset());
            return;
        }
        trials.pause(trials.assignment());
        AtomicBoolean stop = new AtomicBoolean();
        // the end of training wakes the consumer thread's poll (the consumer's one thread-safe
        // call), so the result and the idle heartbeat go out at once, not up to a poll later
        Future<TrialEvent> outcome = CompletableFuture.supplyAsync(() -> train(trial, stop), trainer)
                .whenComplete((event, error) -> trials.wakeup());
        running = new Running(trial, tp, record.offset(), outcome, stop, new AtomicBoolean());
        statusDue = true;
        metrics.busy(true);
        log.println("worker " + workerId + ": training " + trial.trialId() + " (" + trial.configName() + ", seed "
                + trial.seed() + (trial.fold() == null ? "" : ", fold " + trial.fold()) + ", attempt " + trial.attempt() + ")");
    }

    private void finishIfDone() throws InterruptedException {
        if (!running.outcome().isDone()) {
            return;
        }
        Running done = running;
        running = null;
        TrialEvent terminal;
        try {
            terminal = done.outcome().get();
        } catch (ExecutionException e) {
            terminal = failed(done.trial(), "worker error: " + e.getCause(), true);
        }
        metrics.busy(false);
        metrics.finished(terminal instanceof TrialEvent.Completed ? "completed"
                : terminal instanceof TrialEvent.Cancelled ? "cancelled"
                : terminal instanceof TrialEvent.Pruned ? "pruned" : "failed");
        if (done.lost().get()) {
            // the partition went to another worker, which trains the trial again: report nothing
            log.println("worker " + workerId + ": dropped " + done.trial().trialId() + " (its partition moved)");
            statusDue = true;
        } else {
            // the idle heartbeat goes out with the result, in one round trip: the coordinator hands
            // this worker its next trial on it, while the commit below is still on its way
            events.sendAndWait(terminal, status(WorkerStatus.State.IDLE, null));
            commit(done.partition(), done.offset());
            log.println("worker " + workerId + ": " + terminal.getClass().getSimpleName().toLowerCase() + " "
                    + done.trial().trialId());
        }
        trials.resume(trials.paused());
    }

    /**
     * Commits past the trial. A rebalance under way is finished by polling (the partition is
     * paused, so nothing new arrives) and the commit tried again; a commit the group refuses
     * (the partition moved after all) leaves the trial to its new owner, whose result the
     * coordinator counts once.
     */
    private void commit(TopicPartition tp, long offset) {
        for (int tries = 1; ; tries++) {
            try {
                trials.commitSync(Map.of(tp, new OffsetAndMetadata(offset + 1)));
                return;
            } catch (RebalanceInProgressException e) {
                if (tries == 10) {
                    log.println("worker " + workerId + ": could not commit " + tp + " offset " + offset
                            + " during a rebalance; the trial may be delivered again");
                    return;
                }
                for (ConsumerRecord<String, byte[]> r : trials.poll(Duration.ofMillis(100))) {
                    // from a partition the rebalance just gave us: leave it for the main loop
                    trials.seek(new TopicPartition(r.topic(), r.partition()), r.offset());
                }
            } catch (WakeupException e) {
                // the trial's end woke the consumer after its poll had returned: the commit is still to do
            } catch (CommitFailedException e) {
                log.println("worker " + workerId + ": commit of " + tp + " offset " + offset + " refused ("
                        + e.getMessage() + "); the trial may be delivered again");
                return;
            }
        }
    }

    /** Runs on the training thread; every outcome becomes a terminal event. */
    private TrialEvent train(TrialSpec trial, AtomicBoolean stop) {
        long now = System.currentTimeMillis();
        events.send(new TrialEvent.Started(WireVersion.CURRENT, trial.sweepId(), trial.trialId(), trial.attempt(), now,
                workerId, device));
        TrialConfig config = trial.config().withTraining(trial.config().training().withDevice(device));
        try {
            TrialResult result = new TrialRunner(Path.of("").toAbsolutePath(),
                    TrainingListener.both(listener(trial), metrics.listener()),
                    List.of(new StopCheck(stop, trial.trialId()))).run(config);
            return new TrialEvent.Completed(WireVersion.CURRENT, trial.sweepId(), trial.trialId(), trial.attempt(),
                    System.currentTimeMillis(), workerId, result);
        } catch (TrialCancelledException e) {
            return prunedTrials.contains(trial.trialId()) ? pruned(trial) : cancelled(trial);
        } catch (ConfigException | IllegalArgumentException e) {
            return failed(trial, e.getMessage(), false); // the same config fails the same way on any worker
        } catch (TrainingDivergedException e) {
            return failed(trial, e.getMessage(), true);
        } catch (RuntimeException | OutOfMemoryError e) {
            // engine errors (a native op failing, memory) may pass on another attempt or worker
            return failed(trial, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        }
    }

    private TrialEvent cancelled(TrialSpec trial) {
        return new TrialEvent.Cancelled(WireVersion.CURRENT, trial.sweepId(), trial.trialId(), trial.attempt(),
                System.currentTimeMillis(), workerId);
    }

    /** The worker's word that it stopped a trial the coordinator pruned (the decision is already in the log). */
    private TrialEvent pruned(TrialSpec trial) {
        return new TrialEvent.Pruned(WireVersion.CURRENT, trial.sweepId(), trial.trialId(), trial.attempt(),
                System.currentTimeMillis(), workerId, "stopped at the coordinator's word (pruned)");
    }

    private TrialEvent failed(TrialSpec trial, String error, boolean retryable) {
        return new TrialEvent.Failed(WireVersion.CURRENT, trial.sweepId(), trial.trialId(), trial.attempt(),
                System.currentTimeMillis(), workerId, error == null ? "unknown error" : error, retryable);
    }

    private TrainingListener listener(TrialSpec trial) {
        return new TrainingListener() {
            @Override
            public void onProgress(Progress p) {
                events.send(new TrialEvent.Progress(WireVersion.CURRENT, trial.sweepId(), trial.trialId(),
                        trial.attempt(), System.currentTimeMillis(), workerId, p.epoch(), p.step(), p.totalSteps(),
                        p.loss(), p.lr(), p.samplesPerSecond(), p.msPerStep()));
            }

            @Override
            public void onEvaluated(EvalPoint point) {
                events.send(new TrialEvent.Evaluated(WireVersion.CURRENT, trial.sweepId(), trial.trialId(),
                        trial.attempt(), System.currentTimeMillis(), workerId, trial.fold(), point));
            }
        };
    }

    /** Keeps new partitions paused while a trial runs; stops the trial if its own partition leaves. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            lose(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            lose(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            statusDue = true;
            if (running != null) {
                trials.pause(partitions);
            }
        }

        private void lose(Collection<TopicPartition> partitions) {
            statusDue = true;
            if (running != null && partitions.contains(running.partition())) {
                running.lost().set(true);
                running.stop().set(true);
            }
        }
    }

    @Override
    public void close() {
        shutdown.set(true);
        events.send(new WorkerStatus(WireVersion.CURRENT, workerId, device, WorkerStatus.State.STOPPED, List.of(), null,
                System.currentTimeMillis()));
        if (running != null) {
            running.stop().set(true);
        }
        trainer.shutdownNow();
        trials.close(Duration.ofSeconds(5));
        control.close(Duration.ofSeconds(5));
        results.close();
        events.close();
    }
}
