package dev.sweep.coordinator.bench;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.Topics;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.coordinator.kafka.EmbeddedBroker;
import dev.sweep.coordinator.kafka.EventLog;
import dev.sweep.coordinator.kafka.TopicSetup;
import dev.sweep.coordinator.metrics.SweepMetrics;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.run.SweepLoop;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Benchmark harness for the coordinator at scale, with simulated workers: the real embedded
 * broker and the real coordinator loop ({@link SweepLoop}, as {@code ./sweep run} drives it:
 * metrics and the live table included) on a grid sweep of {@code --trials} trials, served by
 * {@code --workers} {@link SimulatedWorker}s that train nothing and take {@code --trial-seconds}
 * per trial. Then a second coordinator replays the log to a decided state, as a restart does.
 * Prints the scheduling overhead against the ideal schedule (Ray Tune's release-test measure),
 * events ingested per second, the gaps between a worker's trials, heap after GC at quarters of
 * the run, and the restart's time. Figures go to docs/benchmarks.md, not into asserts.
 *
 * <p>Usage: {@code CoordinatorBenchmark [--trials 10000] [--workers 16] [--trial-seconds 1]
 * [--evaluations 1] [--worker-linger-ms 20] [--prune asha|median] [--data-dir DIR]}.
 */
public final class CoordinatorBenchmark {
    private static final String SWEEP = "bench-coordinator";

    private final int trials;
    private final int workers;
    private final double trialSeconds;
    private final int evaluations;
    private final int lingerMs;
    /** The spec's pruner (asha, median) or null. */
    private final String prune;
    private final Path dir;
    private final PrintStream out;

    private CoordinatorBenchmark(int trials, int workers, double trialSeconds, int evaluations, int lingerMs,
            String prune, Path dir, PrintStream out) {
        if (workers < 1 || workers > TopicSetup.TRIAL_PARTITIONS) {
            throw new IllegalArgumentException("--workers must lie in [1, " + TopicSetup.TRIAL_PARTITIONS
                    + "] (each simulated worker owns at least one of the trial partitions), but got " + workers);
        }
        if (evaluations < 0 || lingerMs < 0) {
            throw new IllegalArgumentException("--evaluations and --worker-linger-ms must be >= 0");
        }
        new IdealSchedule(trials, workers, trialSeconds); // refuses a wrong count or duration before anything starts
        BenchSweep.yaml(SWEEP, trials, prune);
        this.trials = trials;
        this.prune = prune;
        this.workers = workers;
        this.trialSeconds = trialSeconds;
        this.evaluations = evaluations;
        this.lingerMs = lingerMs;
        this.dir = dir;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int trials = 10_000;
        int workers = 16;
        double seconds = 1.0;
        int evaluations = 1;
        int linger = 20;
        String prune = null;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String v = args[++i];
            switch (flag) {
                case "--trials" -> trials = Integer.parseInt(v);
                case "--workers" -> workers = Integer.parseInt(v);
                case "--trial-seconds" -> seconds = Double.parseDouble(v);
                case "--evaluations" -> evaluations = Integer.parseInt(v);
                case "--worker-linger-ms" -> linger = Integer.parseInt(v);
                case "--prune" -> prune = v;
                case "--data-dir" -> dir = Path.of(v);
                default -> throw new IllegalArgumentException("usage: bench coordinator [--trials N] [--workers W] "
                        + "[--trial-seconds S] [--evaluations K] [--worker-linger-ms L] [--prune asha|median] "
                        + "[--data-dir DIR], but got " + flag);
            }
        }
        boolean temporary = dir == null;
        Path where = temporary ? Files.createTempDirectory("sweep-bench-coordinator") : dir.toAbsolutePath();
        if (!temporary && Files.exists(where.resolve("kafka"))) {
            throw new IllegalArgumentException(where.resolve("kafka") + " exists: the benchmark needs an empty log");
        }
        try {
            new CoordinatorBenchmark(trials, workers, seconds, evaluations, linger, prune, where, System.out).run();
        } finally {
            if (temporary) {
                deleteTree(where);
            }
        }
        System.exit(0); // the broker's and clients' non-daemon threads would keep the JVM up
    }

    private void run() throws Exception {
        out.printf(Locale.ROOT, "coordinator benchmark harness with simulated workers (no training): %d trials, %d "
                + "workers, %.3g s per trial, %d evaluation(s) per trial, worker linger %d ms%s%n", trials, workers,
                trialSeconds, evaluations, lingerMs, prune == null ? "" : ", pruner " + prune
                + " (the simulated workers read no stop: a pruned trial runs to its end, its result ignored)");
        out.println("the real embedded broker and coordinator loop (SweepLoop: state, strategy, metrics, live table); "
                + Runtime.getRuntime().availableProcessors() + " CPUs seen, everything in this one JVM");
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("kafka"))) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrap(), null);
            TopicSetup.ensure(kafka, 1);
            Path specFile = dir.resolve("bench-sweep.yaml");
            Files.writeString(specFile, BenchSweep.yaml(SWEEP, trials, prune));
            SweepSpec spec = Codec.readYaml(specFile, SweepSpec.class);

            long t0 = System.nanoTime();
            SweepPlanner planner = new SweepPlanner(spec, dir);
            List<TrialSpec> plan = planner.trials();
            double planSeconds = seconds(t0);
            out.printf(Locale.ROOT, "planning: %d trials in %.2f s (%.0f trials/s)%n", plan.size(), planSeconds,
                    plan.size() / planSeconds);

            List<SimulatedWorker> fleet = startWorkers(kafka);
            Thread.sleep(1000); // their first idle heartbeats are in the log before the coordinator starts
            long baseline = HeapProbe.afterGc();

            AtomicInteger served = new AtomicInteger();
            List<long[]> heap = new ArrayList<>(); // {trials completed, heap bytes after GC}
            int[] next = {1};
            long[] probeNanos = {0};
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            SweepMetrics metrics = metrics();
            long start = System.nanoTime();
            long startMillis = System.currentTimeMillis();
            SweepLoop.Outcome outcome = new SweepLoop(spec, planner, kafka).run(metrics, () -> {
                int done = fleet.stream().mapToInt(w -> w.servedCount()).sum();
                served.set(done);
                if (next[0] < 4 && done >= trials * next[0] / 4) { // heap at a quarter, a half, three quarters
                    long t = System.nanoTime();
                    heap.add(new long[] {done, HeapProbe.afterGc()});
                    probeNanos[0] += System.nanoTime() - t;
                    next[0]++;
                }
            }, () -> fleet.stream().anyMatch(w -> w.failure() != null), new PrintStream(OutputStream.nullOutputStream()));
            double makespan = seconds(start);
            long endMillis = System.currentTimeMillis();
            double coordinatorCpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            fleet.forEach(SimulatedWorker::stop);
            for (SimulatedWorker w : fleet) {
                w.join();
                if (w.failure() != null) {
                    throw new IllegalStateException("simulated worker " + w.workerId() + " failed", w.failure());
                }
            }
            long pruned = outcome.state().count(TrialState.PRUNED);
            long completed = outcome.state().count(TrialState.COMPLETED) + pruned; // ended as the coordinator meant
            heap.add(new long[] {completed, HeapProbe.afterGc()}); // the loop's state and metrics, still held
            java.lang.ref.Reference.reachabilityFence(metrics);
            if (!outcome.finished() || completed != trials) {
                throw new IllegalStateException("the sweep did not finish: " + completed + " of " + trials
                        + " trials completed or pruned");
            }
            long events = endOffsets(kafka, Topics.EVENTS);
            long heartbeats = endOffsets(kafka, Topics.WORKERS);
            long publishedTrials = endOffsets(kafka, Topics.TRIALS);
            IdealSchedule ideal = new IdealSchedule(trials, workers, trialSeconds);
            double overhead = ideal.overhead(makespan);

            out.printf(Locale.ROOT, "run: %d trials completed in %.1f s; ideal %.1f s (ceil(%d/%d) x %.3g s); "
                    + "coordinator thread CPU %.1f s (%.1f%% of one core)%n", completed, makespan,
                    ideal.makespanSeconds(), trials, workers, trialSeconds, coordinatorCpu, 100 * coordinatorCpu / makespan);
            if (prune != null) {
                out.printf(Locale.ROOT, "pruned: %d of the %d trials (their workers ran them to the end anyway)%n", pruned,
                        trials);
            }
            out.printf(Locale.ROOT, "the run includes the three heap probes' forced full collections: %.2f s of pauses "
                    + "(%.2f%% of the ideal makespan)%n", probeNanos[0] / 1e9, 100 * probeNanos[0] / 1e9
                    / ideal.makespanSeconds());
            out.printf(Locale.ROOT, "published: %d trials at %.1f trials/s (the workers' pace: ideal %.1f/s)%n",
                    publishedTrials, publishedTrials / makespan, workers / trialSeconds);
            out.printf(Locale.ROOT, "live: %d events and %d heartbeats ingested at %.0f per second (the workers' pace)%n",
                    events, heartbeats, (events + heartbeats) / makespan);
            DispatchGaps gaps = DispatchGaps.of(fleet.stream().map(SimulatedWorker::served).toList());
            gap("completion -> next dispatch to that worker", gaps.completionToDispatchMs());
            gap("idle heartbeat -> next dispatch (the coordinator's reaction)", gaps.idleToDispatchMs());
            gap("completion -> next trial received by the worker", gaps.completionToArrivalMs());
            OverheadBreakdown where = OverheadBreakdown.of(startMillis, endMillis,
                    fleet.stream().map(SimulatedWorker::served).toList());
            out.printf(Locale.ROOT, "where the %.1f s over the ideal went: start to a worker's first trial median %.0f ms, "
                    + "max %.0f ms; gaps between a worker's trials mean %.1f ms (the most one worker waited in all: "
                    + "%.2f s); trials per worker %d to %d; last result to the loop's end %.0f ms%n",
                    makespan - ideal.makespanSeconds(), where.medianFirstArrivalMs(), where.maxFirstArrivalMs(),
                    where.meanGapMs(), where.maxWorkerGapsMs() / 1000, where.fewestTrials(), where.mostTrials(),
                    where.endMs());

            Restart restart = restart(spec, kafka);
            long publishedAfter = endOffsets(kafka, Topics.TRIALS);
            long restartedHeap = HeapProbe.afterGc();
            java.lang.ref.Reference.reachabilityFence(outcome);
            java.lang.ref.Reference.reachabilityFence(restart);
            long restartEnded = restart.state().count(TrialState.COMPLETED) + restart.state().count(TrialState.PRUNED);
            if (restartEnded != trials) {
                throw new IllegalStateException("the restarted coordinator's state has " + restartEnded
                        + " completed or pruned trials, not " + trials);
            }
            out.printf(Locale.ROOT, "heap after GC: %.1f MiB before the coordinator started (broker, workers)%n",
                    baseline / 1048576.0);
            for (long[] h : heap) {
                double grown = (h[1] - baseline) / 1048576.0;
                out.printf(Locale.ROOT, "  %6d trials completed: %7.1f MiB, +%.1f MiB over the baseline (%.1f KiB per "
                        + "trial)%n", h[0], h[1] / 1048576.0, grown, grown * 1024 / Math.max(1, h[0]));
            }
            out.printf(Locale.ROOT, "  with the restarted coordinator's state held as well: %.1f MiB (+%.1f MiB)%n",
                    restartedHeap / 1048576.0, (restartedHeap - heap.get(heap.size() - 1)[1]) / 1048576.0);
            double replaySeconds = restart.seconds() - restart.planSeconds();
            out.printf(Locale.ROOT, "restart: %.2f s to a decided state (planning %.2f s, then %d records replayed in "
                    + "%.2f s: %.0f/s; read and decode alone %.2f s, fold alone %.2f s); %d trials published by it%n",
                    restart.seconds(), restart.planSeconds(), restart.records(), replaySeconds,
                    restart.records() / replaySeconds, restart.readSeconds(), restart.foldSeconds(),
                    publishedAfter - publishedTrials);
            double freshJvm = restartInFreshJvm(specFile, broker.bootstrap());
            out.printf(Locale.ROOT, "restart in a fresh JVM ('run SPEC --bootstrap ... --preflight off': start-up, "
                    + "planning, replay, the final report and results files): %.2f s%n", freshJvm);
            double eventsPerSecond = restart.records() / replaySeconds; // the coordinator's replay, planning apart
            out.printf(Locale.ROOT, "scheduling overhead %.2f%% events/s %.0f (goals: < 2%%, >= 20000; restart %.2f s, "
                    + "goal < 30 s)%n", 100 * overhead, eventsPerSecond, restart.seconds());
        }
    }

    private record Restart(SweepState state, double seconds, double planSeconds, long records, double readSeconds,
            double foldSeconds) {}

    /**
     * A coordinator started on the finished sweep's log: the time until its loop has a decided
     * state (replayed and judged done), and, apart, what reading the log and folding it cost.
     */
    private Restart restart(SweepSpec spec, KafkaSettings kafka) {
        long t0 = System.nanoTime();
        long deadline = t0 + Duration.ofMinutes(5).toNanos();
        SweepPlanner planner = new SweepPlanner(spec, dir); // planned again, as a coordinator started afresh does
        planner.trials();
        double planSeconds = seconds(t0);
        SweepLoop.Outcome outcome = new SweepLoop(spec, planner, kafka).run(metrics(), () -> {},
                () -> System.nanoTime() > deadline, new PrintStream(OutputStream.nullOutputStream()));
        double restartSeconds = seconds(t0);
        if (!outcome.finished()) {
            throw new IllegalStateException("the restarted coordinator did not reach a decided state in 5 minutes");
        }
        long t1 = System.nanoTime();
        EventLog.Batch batch;
        try (EventLog log = new EventLog(kafka, w -> out.println("bench: " + w))) {
            batch = log.catchUp();
        }
        double readSeconds = seconds(t1);
        long t2 = System.nanoTime();
        SweepState replayed = new SweepState(spec.name());
        batch.events().forEach(replayed::apply);
        double foldSeconds = seconds(t2);
        long records = batch.events().size() + batch.workers().size() + batch.dead().size();
        return new Restart(outcome.state(), restartSeconds, planSeconds, records, readSeconds, foldSeconds);
    }

    /**
     * The restart a user runs: {@code run SPEC --bootstrap} in a JVM of its own, on the finished
     * sweep's log, timed from its start to its exit (it finds the sweep done and writes its report).
     */
    private double restartInFreshJvm(Path specFile, String bootstrap) throws IOException, InterruptedException {
        Path jar;
        try {
            jar = Path.of(CoordinatorBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot find the coordinator jar this benchmark runs from", e);
        }
        Path log = dir.resolve("restart.log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error",
                "-cp", jar.toString(), "dev.sweep.coordinator.cli.CoordinatorMain", "run", specFile.toString(),
                "--bootstrap", bootstrap, "--preflight", "off");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the restarted coordinator did not finish in 5 minutes; see " + log);
        }
        double seconds = seconds(t0);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the restarted coordinator exited with " + p.exitValue() + ": "
                    + Files.readString(log).lines().filter(l -> l.startsWith("error")).findFirst().orElse("see " + log));
        }
        return seconds;
    }

    private List<SimulatedWorker> startWorkers(KafkaSettings kafka) {
        List<SimulatedWorker> fleet = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            List<Integer> owned = new ArrayList<>();
            for (int p = i; p < TopicSetup.TRIAL_PARTITIONS; p += workers) {
                owned.add(p);
            }
            SimulatedWorker w = new SimulatedWorker(kafka, "sim" + (i + 1), owned, trialSeconds, evaluations, lingerMs);
            w.start();
            fleet.add(w);
        }
        return fleet;
    }

    private static SweepMetrics metrics() {
        return new SweepMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), SWEEP);
    }

    private void gap(String what, double[] ms) {
        if (ms.length == 0) {
            out.println(what + ": no worker served two trials");
            return;
        }
        Percentiles p = new Percentiles(ms);
        out.printf(Locale.ROOT, "%s: median %.0f ms, p99 %.0f ms, max %.0f ms (%d gaps)%n", what, p.median(), p.at(99),
                p.max(), p.size());
    }

    /** Records in every partition of {@code topic}. */
    private static long endOffsets(KafkaSettings kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.properties(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            return end.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the benchmark's folder " + root, e);
        }
    }
}
