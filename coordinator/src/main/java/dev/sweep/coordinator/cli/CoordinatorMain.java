package dev.sweep.coordinator.cli;

import dev.sweep.common.cli.Options;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.codec.ConfigException;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.ControlMessage;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.metrics.MetricsServer;
import dev.sweep.coordinator.kafka.EmbeddedBroker;
import dev.sweep.coordinator.metrics.SweepMetrics;
import dev.sweep.coordinator.metrics.PrometheusTargets;
import dev.sweep.coordinator.run.Ports;
import dev.sweep.coordinator.run.Preflight;
import dev.sweep.coordinator.kafka.EventLog;
import dev.sweep.coordinator.kafka.KafkaUnreachableException;
import dev.sweep.coordinator.kafka.SweepPublisher;
import dev.sweep.coordinator.kafka.TopicSetup;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.report.ReportFormat;
import dev.sweep.coordinator.report.ReportText;
import dev.sweep.coordinator.report.SweepReport;
import dev.sweep.coordinator.report.LiveTable;
import dev.sweep.coordinator.run.SweepCoordinator;
import dev.sweep.coordinator.run.WorkerProcesses;
import dev.sweep.coordinator.state.SweepState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point of the coordinator jar.
 *
 * <pre>
 * run SPEC.yaml [--workers N] [--threads T] [--bootstrap HOST:PORT] [--data-dir DIR] [--kafka-config FILE]
 *     [--metrics-port P] [--metrics-host H] [--hold SECONDS] [--preflight on|off]
 * submit SPEC.yaml --bootstrap HOST:PORT
 * status SWEEP [--bootstrap HOST:PORT]
 * cancel SWEEP [--bootstrap HOST:PORT]
 * report SWEEP [--format md|csv|json|html] [--out DIR] [--bootstrap HOST:PORT]
 * </pre>
 */
public final class CoordinatorMain {
    private static final List<String> FLAGS = List.of("--workers", "--threads", "--bootstrap", "--data-dir",
            "--kafka-config", "--metrics-port", "--metrics-host", "--hold", "--format", "--out", "--preflight");

    private CoordinatorMain() {}

    static List<String> flags() {
        return FLAGS;
    }

    /** Where the embedded broker, worker logs and preflight files live: --data-dir, default .sweep. */
    private static Path dataDir(Options o) {
        return Path.of(o.has("--data-dir") ? o.value("--data-dir") : ".sweep").toAbsolutePath();
    }

    /** The Kafka client properties file of --kafka-config, or null (then SWEEP_KAFKA_CONFIG applies). */
    private static String kafkaConfig(Options o) {
        return o.has("--kafka-config") ? o.value("--kafka-config") : null;
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            int code = switch (args[0]) {
                case "run" -> run(Options.parse(rest, FLAGS), System.out, System.err);
                case "submit" -> submit(Options.parse(rest, FLAGS), System.err);
                case "status" -> status(Options.parse(rest, FLAGS), System.out);
                case "cancel" -> cancel(Options.parse(rest, FLAGS), System.err);
                case "report" -> report(Options.parse(rest, FLAGS), System.err);
                default -> {
                    usage();
                    yield 2;
                }
            };
            System.exit(code);
        } catch (ConfigException | IllegalArgumentException | KafkaUnreachableException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage() {
        System.err.println("""
                usage: sweep run SPEC.yaml [--workers N] [--threads T] [--bootstrap HOST:PORT] [--data-dir DIR]
                                [--metrics-port P] [--metrics-host H] [--hold SECONDS] [--kafka-config FILE]
                       sweep submit SPEC.yaml --bootstrap HOST:PORT
                       sweep status SWEEP [--bootstrap HOST:PORT]
                       sweep cancel SWEEP [--bootstrap HOST:PORT]
                       sweep report SWEEP [--format md|csv|json|html] [--out DIR] [--bootstrap HOST:PORT]""");
    }

    /** A spec read and planned: everything that can be wrong with it fails here, before any Kafka. */
    record Plan(SweepSpec spec, SweepPlanner planner) {}

    static Plan plan(Options o) {
        if (o.positional().size() != 1) {
            throw new IllegalArgumentException("expected one SPEC.yaml, but got " + o.positional());
        }
        Path file = Path.of(o.positional().get(0)).toAbsolutePath();
        SweepSpec spec = Codec.readYaml(file, SweepSpec.class);
        SweepPlanner planner = new SweepPlanner(spec, file.getParent());
        planner.trials(); // refuses a plan over budget
        return new Plan(spec, planner);
    }

    /**
     * Runs a sweep to its end. With no --bootstrap: an embedded broker in the data folder and N
     * worker processes, all stopped at the end. Returns 0 when every trial completed.
     */
    static int run(Options o, PrintStream out, PrintStream err) {
        Plan plan = plan(o);
        Path dataDir = dataDir(o);
        preflight(o, plan, dataDir, err);
        AtomicBoolean stop = new AtomicBoolean();
        List<AutoCloseable> started = new ArrayList<>();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                main.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String bootstrap;
            if (o.has("--bootstrap")) {
                bootstrap = o.value("--bootstrap");
            } else {
                err.println("sweep: starting the embedded Kafka broker in " + dataDir.resolve("kafka"));
                EmbeddedBroker broker = EmbeddedBroker.start(dataDir.resolve("kafka"));
                started.add(broker);
                bootstrap = broker.bootstrap();
            }
            KafkaSettings settings = KafkaSettings.of(bootstrap, kafkaConfig(o));
            TopicSetup.ensure(settings, 1);
            String metricsHost = o.has("--metrics-host") ? o.value("--metrics-host") : "127.0.0.1";
            int metricsPort = o.intValue("--metrics-port", 0);
            MetricsServer metricsServer = MetricsServer.start(metricsHost, metricsPort);
            started.add(metricsServer);
            SweepMetrics metrics = new SweepMetrics(metricsServer.registry(), plan.spec().name());
            int workers = o.intValue("--workers", o.has("--bootstrap") ? 0 : 2);
            List<Integer> workerPorts = new ArrayList<>();
            for (int i = 1; i <= workers; i++) {
                workerPorts.add(metricsPort == 0 ? Ports.free() : metricsPort + i);
            }
            WorkerProcesses processes = null;
            if (workers > 0) {
                processes = WorkerProcesses.start(workerJar(), bootstrap, workers,
                        o.intValue("--threads", Math.max(1, Runtime.getRuntime().availableProcessors() / workers)),
                        dataDir.resolve("logs"), workerJvmOptions(), workerPorts, o.has("--kafka-config")
                                ? List.of("--kafka-config", Path.of(o.value("--kafka-config")).toAbsolutePath().toString())
                                : List.of());
                started.add(0, processes);
                err.println("sweep: " + workers + " workers started; their logs: " + dataDir.resolve("logs"));
            }
            Path targets = PrometheusTargets.write(dataDir.resolve("prometheus/targets.json"), metricsHost,
                    metricsServer.port(), workerPorts);
            err.println("sweep: metrics at " + metricsServer.url() + (workerPorts.isEmpty() ? ""
                    : " and, per worker, ports " + workerPorts) + " (Prometheus file_sd targets: " + targets + ")");
            SweepState state;
            try (SweepPublisher publisher = new SweepPublisher(settings);
                    EventLog log = new EventLog(settings, w -> err.println("sweep: " + w))) {
                SweepCoordinator coordinator = new SweepCoordinator(plan.spec(), plan.planner(), publisher, log,
                        SweepCoordinator.Dispatch.ON_IDLE);
                Throttle throttle = new Throttle(2000);
                WorkerProcesses supervised = processes;
                state = coordinator.run(c -> {
                    metrics.update(c.state());
                    metrics.eventLag(c.eventLagSeconds());
                    if (throttle.ready()) {
                        err.print(LiveTable.render(c.state(), c.waiting()));
                    }
                }, () -> {
                    if (supervised != null) {
                        supervised.restartExited().forEach(w -> err.println("sweep: worker " + w
                                + " died; started a new one (its trial is delivered again)"));
                    }
                }, stop::get);
                metrics.update(state);
                if (!coordinator.done()) {
                    err.println("sweep: stopped before the end; run the same command again to carry on");
                    return 130;
                }
            }
            // the spec at hand says how to report (its report: block may have changed since the log was written)
            SweepReport report = SweepReport.of(state, plan.planner().configurations().stream()
                    .map(dev.sweep.coordinator.plan.Configuration::name).toList(), plan.planner().reportPlan());
            writeResults(plan.planner().artifacts(), state, report);
            err.print(LiveTable.render(state, 0));
            out.println();
            out.println("ablation table of sweep " + plan.spec().name() + " (results in " + plan.planner().artifacts() + ")");
            out.print(ReportText.terminal(report));
            hold(o.intValue("--hold", 0), stop, err);
            // a pruned trial is the pruner's decision, not a failure
            return state.trials().stream().allMatch(t -> t.state() == dev.sweep.coordinator.state.TrialState.COMPLETED
                    || t.state() == dev.sweep.coordinator.state.TrialState.PRUNED) ? 0 : 3;
        } finally {
            for (AutoCloseable c : started) {
                try {
                    c.close();
                } catch (Exception e) {
                    err.println("sweep: stopping " + c.getClass().getSimpleName() + " failed: " + e.getMessage());
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and waits for us
            }
        }
    }

    static int submit(Options o, PrintStream err) {
        Plan plan = plan(o);
        preflight(o, plan, dataDir(o), err);
        if (!o.has("--bootstrap")) {
            throw new IllegalArgumentException("submit needs --bootstrap HOST:PORT (use 'run' for the embedded mode)");
        }
        KafkaSettings settings = KafkaSettings.of(o.value("--bootstrap"), kafkaConfig(o));
        TopicSetup.ensure(settings, 1);
        try (SweepPublisher publisher = new SweepPublisher(settings); EventLog log = new EventLog(settings, err::println)) {
            SweepCoordinator coordinator = new SweepCoordinator(plan.spec(), plan.planner(), publisher, log,
                    SweepCoordinator.Dispatch.ALL_AT_ONCE);
            SweepState state = coordinator.run(c -> {}, () -> true);
            err.println("sweep " + plan.spec().name() + ": " + state.trials().size() + " trials in the log; retries and "
                    + "FMA averages need a coordinator: 'sweep run SPEC.yaml --bootstrap " + settings.bootstrap() + "'");
        }
        return 0;
    }

    static int status(Options o, PrintStream out) {
        if (o.positional().size() != 1) {
            throw new IllegalArgumentException("status needs the sweep's name");
        }
        try (Connection c = connect(o); EventLog log = new EventLog(c.settings(), out::println)) {
            SweepState state = new SweepState(o.positional().get(0));
            log.catchUp().events().forEach(state::apply);
            if (state.trials().isEmpty()) {
                out.println("no trials of sweep " + state.sweepId() + " in the log at " + c.settings().bootstrap());
                return 1;
            }
            out.print(LiveTable.render(state, 0));
            out.print(ReportText.terminal(SweepReport.of(state, List.of())));
        }
        return 0;
    }

    /** Writes the report of a sweep from its event log: finished, or still running. */
    static int report(Options o, PrintStream err) {
        if (o.positional().size() != 1) {
            throw new IllegalArgumentException("report needs the sweep's name");
        }
        List<ReportFormat> formats = o.has("--format") ? List.of(ReportFormat.parse(o.value("--format")))
                : List.of(ReportFormat.values());
        Path out = Path.of(o.has("--out") ? o.value("--out") : "reports/" + o.positional().get(0));
        SweepState state = new SweepState(o.positional().get(0));
        try (Connection c = connect(o); EventLog log = new EventLog(c.settings(), err::println)) {
            log.catchUp().events().forEach(state::apply);
        }
        if (state.trials().isEmpty()) {
            err.println("no trials of sweep " + state.sweepId() + " in the log");
            return 1;
        }
        SweepReport report = SweepReport.of(state, List.of());
        try {
            Files.createDirectories(out);
            for (ReportFormat f : formats) {
                Path file = out.resolve(f.fileName());
                Files.writeString(file, ReportText.render(report, f));
                err.println("wrote " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write the report: " + e.getMessage(), e);
        }
        return 0;
    }

    static int cancel(Options o, PrintStream err) {
        if (o.positional().size() != 1) {
            throw new IllegalArgumentException("cancel needs the sweep's name");
        }
        try (Connection c = connect(o); SweepPublisher publisher = new SweepPublisher(c.settings())) {
            publisher.control(ControlMessage.cancel(o.positional().get(0)));
        }
        err.println("sweep: asked every worker to cancel sweep " + o.positional().get(0));
        return 0;
    }

    /**
     * The engine's own check of one trial per configuration, before any Kafka: on unless
     * {@code --preflight off}, and skipped (said so) where no worker jar is at hand.
     */
    private static void preflight(Options o, Plan plan, Path dataDir, PrintStream err) {
        String mode = o.has("--preflight") ? o.value("--preflight") : "on";
        if (!mode.equals("on") && !mode.equals("off")) {
            throw new IllegalArgumentException("--preflight must be on or off, but got '" + mode + "'");
        }
        if (mode.equals("off")) {
            return;
        }
        Path jar = workerJar();
        if (!Files.isRegularFile(jar)) {
            err.println("sweep: no worker jar at " + jar + "; the plan's data and models are checked by the workers only");
            return;
        }
        err.println("sweep: checking each configuration's data, model and tricks before publishing...");
        Preflight.check(jar, dev.sweep.coordinator.strategy.Strategies.firstTrials(plan.spec(), plan.planner()),
                dataDir.resolve("preflight"), workerJvmOptions());
    }

    /** Keeps the metrics endpoints (and workers) up after the end, for a scrape or a look. */
    private static void hold(int seconds, AtomicBoolean stop, PrintStream err) {
        if (seconds <= 0) {
            return;
        }
        err.println("sweep: holding the metrics endpoints for " + seconds + " s (--hold)");
        long until = System.currentTimeMillis() + seconds * 1000L;
        while (!stop.get() && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The cluster to talk to: --bootstrap, else the embedded broker's folder (started for the call if idle). */
    private record Connection(KafkaSettings settings, EmbeddedBroker broker) implements AutoCloseable {
        @Override
        public void close() {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static Connection connect(Options o) {
        String config = kafkaConfig(o);
        if (o.has("--bootstrap")) {
            return new Connection(KafkaSettings.of(o.value("--bootstrap"), config), null);
        }
        Path dir = dataDir(o).resolve("kafka");
        String live = EmbeddedBroker.liveBootstrap(dir);
        if (live != null) {
            return new Connection(KafkaSettings.of(live, config), null);
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no --bootstrap given and no embedded broker folder at " + dir);
        }
        EmbeddedBroker broker = EmbeddedBroker.start(dir);
        return new Connection(KafkaSettings.of(broker.bootstrap(), config), broker);
    }

    private static void writeResults(Path dir, SweepState state, SweepReport report) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("ablation.txt"), ReportText.terminal(report));
            for (ReportFormat f : List.of(ReportFormat.MD, ReportFormat.JSON)) {
                Files.writeString(dir.resolve(f.fileName()), ReportText.render(report, f));
            }
            Files.writeString(dir.resolve("trials.json"), Codec.toJson(state.trials()));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the results: " + e.getMessage(), e);
        }
    }

    /** The worker jar: -Dsweep.workerJar, else beside this jar's module in a source checkout. */
    private static Path workerJar() {
        String explicit = System.getProperty("sweep.workerJar");
        if (explicit != null) {
            return Path.of(explicit);
        }
        try {
            Path self = Path.of(CoordinatorMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/sweep-coordinator.jar or target/classes -> ../../worker/target/sweep-worker.jar
            return self.getParent().getParent().getParent().resolve("worker/target/sweep-worker.jar");
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the coordinator's own jar", e);
        }
    }

    private static List<String> workerJvmOptions() {
        List<String> opts = new ArrayList<>(List.of("-Dai.djl.offline=true", "-Dai.djl.pytorch.graph_optimizer=false",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error"));
        String extra = System.getenv("SWEEP_WORKER_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            opts.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        return opts;
    }

    /** At most one redraw per period: a sweep's events come much faster than a person reads. */
    private static final class Throttle {
        private final long periodMillis;
        private long last;

        Throttle(long periodMillis) {
            this.periodMillis = periodMillis;
        }

        boolean ready() {
            long now = System.currentTimeMillis();
            if (now - last >= periodMillis) {
                last = now;
                return true;
            }
            return false;
        }
    }
}
