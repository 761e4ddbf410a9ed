package dev.sweep.coordinator.cli;

import dev.sweep.common.cli.Options;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.coordinator.ensemble.EnsembleReport;
import dev.sweep.coordinator.ensemble.EnsembleText;
import dev.sweep.coordinator.ensemble.Ensembles;
import dev.sweep.common.codec.ConfigException;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.ControlMessage;
import dev.sweep.common.wire.KafkaRefusedException;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.ClientLogging;
import dev.sweep.coordinator.kafka.EventLog;
import dev.sweep.coordinator.kafka.KafkaUnreachableException;
import dev.sweep.coordinator.kafka.Replication;
import dev.sweep.coordinator.kafka.ReplicationRequest;
import dev.sweep.coordinator.kafka.UnderReplicatedException;
import dev.sweep.coordinator.kafka.SweepPublisher;
import dev.sweep.coordinator.kafka.TopicSetup;
import dev.sweep.coordinator.metrics.SweepMetrics;
import dev.sweep.coordinator.plan.Configuration;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.report.LiveTable;
import dev.sweep.coordinator.report.ReportFormat;
import dev.sweep.coordinator.report.ReportText;
import dev.sweep.coordinator.report.SweepReport;
import dev.sweep.coordinator.run.ClusterSettings;
import dev.sweep.coordinator.run.ClusterStopException;
import dev.sweep.coordinator.run.LocalCluster;
import dev.sweep.coordinator.run.Preflight;
import dev.sweep.coordinator.run.SweepLoop;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.KafkaException;

/**
 * Entry point of the coordinator jar: parses the command line and wires the parts together (the
 * cluster a run starts is a {@link LocalCluster}, the sweep itself a {@link SweepLoop}). Each
 * subcommand takes only its own flags ({@link Command}).
 *
 * <pre>
 * run SPEC.yaml [--workers N] [--threads T] [--bootstrap HOST:PORT[,HOST:PORT...]] [--data-dir DIR]
 *     [--kafka-config FILE] [--metrics-port P] [--metrics-host H] [--hold SECONDS] [--preflight on|off]
 *     [--replication N] [--min-insync M]
 * submit SPEC.yaml --bootstrap HOST:PORT[,...] [--kafka-config FILE] [--data-dir DIR] [--preflight on|off]
 *     [--replication N] [--min-insync M]
 * status SWEEP [--bootstrap HOST:PORT] [--data-dir DIR] [--kafka-config FILE]
 * cancel SWEEP [--bootstrap HOST:PORT] [--data-dir DIR] [--kafka-config FILE]
 * report SWEEP [--format md|csv|json|html] [--out DIR] [--bootstrap HOST:PORT] [--data-dir DIR] [--kafka-config FILE]
 * </pre>
 *
 * Exit codes: 0 success (a run whose trials all completed or were pruned), 1 an error (one line on
 * stderr), 2 usage, 3 a run with trials that failed for good or were cancelled, 130 a run stopped
 * before its end.
 */
public final class CoordinatorMain {
    private CoordinatorMain() {}

    public static void main(String[] args) {
        ClientLogging.quiet();
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs one command line and returns its exit code; errors a user can act on are one line on {@code err}. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        Command command = args.length == 0 ? null : Command.named(args[0]);
        if (command == null) {
            err.println(Command.usageText());
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            Options o = command.parse(rest);
            try {
                return switch (command) {
                    case RUN -> run(o, out, err);
                    case SUBMIT -> submit(o, err);
                    case STATUS -> status(o, out);
                    case CANCEL -> cancel(o, err);
                    case REPORT -> report(o, err);
                    case ENSEMBLE -> ensemble(o, out, err);
                    case COMPARE -> compare(o, out, err);
                };
            } catch (KafkaException | KafkaUnreachableException e) {
                // refused credentials or certificates: fatal, said as the setting to fix; anything else as it was
                throw KafkaRefusedException.find(e, o.has("--bootstrap") ? o.value("--bootstrap") : "the embedded broker",
                        KafkaSettings.configFile(kafkaConfig(o))).orElseThrow(() -> e);
            }
        } catch (ConfigException | IllegalArgumentException | KafkaUnreachableException | UnderReplicatedException
                | KafkaRefusedException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** Where the embedded broker, worker logs and preflight files live: --data-dir, default .sweep. */
    private static Path dataDir(Options o) {
        return Path.of(o.has("--data-dir") ? o.value("--data-dir") : ".sweep").toAbsolutePath();
    }

    /** The Kafka client properties file of --kafka-config, or null (then SWEEP_KAFKA_CONFIG applies). */
    private static String kafkaConfig(Options o) {
        return o.has("--kafka-config") ? o.value("--kafka-config") : null;
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
        // refuses a plan over budget, and whatever else a strategy cannot serve, before any Kafka
        dev.sweep.coordinator.strategy.Strategies.of(spec, planner);
        return new Plan(spec, planner);
    }

    /** What a run starts around the sweep, from its flags; a wrong number is refused here, before anything starts. */
    static ClusterSettings clusterSettings(Options o) {
        int workers = o.intValue("--workers", o.has("--bootstrap") ? 0 : 2);
        int threads = o.intValue("--threads", workers > 0 ? Math.max(1, Runtime.getRuntime().availableProcessors() / workers)
                : 0);
        return new ClusterSettings(dataDir(o), o.has("--bootstrap") ? o.value("--bootstrap") : null, kafkaConfig(o),
                o.has("--metrics-host") ? o.value("--metrics-host") : "127.0.0.1", o.intValue("--metrics-port", 0),
                workers, threads, WorkerJar.path(), WorkerJar.jvmOptions(), replication(o));
    }

    /** The sweep topics' replication: --replication and --min-insync where given, else what the cluster allows. */
    static ReplicationRequest replication(Options o) {
        return new ReplicationRequest(o.has("--replication") ? o.intValue("--replication") : null,
                o.has("--min-insync") ? o.intValue("--min-insync") : null);
    }

    /**
     * Runs a sweep to its end. With no --bootstrap: an embedded broker in the data folder and N
     * worker processes, all stopped at the end. Returns 0 when every trial completed or was pruned.
     */
    static int run(Options o, PrintStream out, PrintStream err) {
        Plan plan = plan(o);
        ClusterSettings settings = clusterSettings(o);
        int hold = o.intValue("--hold", 0);
        if (hold < 0) {
            throw new IllegalArgumentException("--hold must be >= 0 seconds, but got " + hold);
        }
        preflight(o, plan, settings.dataDir(), err);
        try (StopOnShutdown stop = StopOnShutdown.install()) {
            LocalCluster cluster = LocalCluster.start(settings, line -> err.println("sweep: " + line));
            try {
                SweepMetrics metrics = new SweepMetrics(cluster.metricsRegistry(), plan.spec().name());
                SweepLoop.Outcome outcome = new SweepLoop(plan.spec(), plan.planner(), cluster.kafka())
                        .run(metrics, cluster::superviseWorkers, stop::requested, err);
                if (!outcome.finished()) {
                    err.println("sweep: stopped before the end; run the same command again to carry on");
                    return 130;
                }
                SweepState state = outcome.state();
                // the spec at hand says how to report (its report: block may have changed since the log was written)
                SweepReport report = SweepReport.of(state, plan.planner().configurations().stream()
                        .map(Configuration::name).toList(), plan.planner().reportPlan());
                writeResults(plan.planner().artifacts(), state, report);
                // prediction fusion beside FMA's weight fusion; a search's proposals are one seed each, not a table of it
                String ensembles = plan.spec().strategy() == dev.sweep.common.sweep.Strategy.TPE ? ""
                        : ensembleSection(state, err);
                appendEnsembles(plan.planner().artifacts(), ensembles);
                if (outcome.budgetSpent() != null) {
                    err.println("sweep: " + outcome.budgetSpent());
                }
                err.print(LiveTable.render(state, 0));
                out.println();
                out.println("ablation table of sweep " + plan.spec().name() + " (results in "
                        + plan.planner().artifacts() + ")");
                out.print(ReportText.terminal(report));
                if (!ensembles.isEmpty()) {
                    out.println();
                    out.print(ensembles);
                }
                cluster.hold(hold, stop::requested);
                return exitCode(state.trials().stream().map(t -> t.state()).toList());
            } finally {
                stop(cluster, err);
            }
        }
    }

    /** A finished run's exit code: 0 when every trial completed or was pruned (stopped early, not failed), else 3. */
    static int exitCode(Collection<TrialState> trials) {
        return trials.stream().allMatch(t -> t == TrialState.COMPLETED || t == TrialState.PRUNED) ? 0 : 3;
    }

    /** Stops the cluster; a part that did not stop is said, and does not change the run's outcome. */
    private static void stop(LocalCluster cluster, PrintStream err) {
        try {
            cluster.close();
        } catch (ClusterStopException e) {
            e.failures().forEach(f -> err.println("sweep: " + f));
        }
    }

    static int submit(Options o, PrintStream err) {
        Plan plan = plan(o);
        if (!o.has("--bootstrap")) { // before the preflight, which takes a while
            throw new IllegalArgumentException("submit needs --bootstrap HOST:PORT (use 'run' for the embedded mode)");
        }
        preflight(o, plan, dataDir(o), err);
        KafkaSettings settings = KafkaSettings.of(o.value("--bootstrap"), kafkaConfig(o));
        Replication replication = TopicSetup.ensure(settings, replication(o));
        // an adaptive strategy is refused here, when the loop is made, before anything is published
        new SweepLoop(plan.spec(), plan.planner(), settings).publishAll(err);
        // publishAll's state is the log as read before it published; the count said is the log's after
        SweepState state = new SweepState(plan.spec().name());
        try (EventLog log = new EventLog(settings, err::println)) {
            log.catchUp().events().forEach(state::apply);
        }
        err.println("sweep " + plan.spec().name() + ": " + state.trials().size() + " trials in the log (topics: "
                + replication + "); retries and FMA averages need a coordinator: 'sweep run SPEC.yaml --bootstrap "
                + settings.bootstrap() + "'");
        return 0;
    }

    static int status(Options o, PrintStream out) {
        if (o.positional().size() != 1) {
            throw new IllegalArgumentException("status needs the sweep's name");
        }
        try (KafkaConnection c = connect(o); EventLog log = new EventLog(c.settings(), out::println)) {
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
        SweepState state = readSweep(o, o.positional().get(0), err);
        if (state.trials().isEmpty()) {
            err.println("no trials of sweep " + state.sweepId() + " in the log");
            return 1;
        }
        SweepReport report = SweepReport.of(state, List.of());
        String ensembles = formats.contains(ReportFormat.MD) ? ensembleSection(state, err) : "";
        try {
            Files.createDirectories(out);
            for (ReportFormat f : formats) {
                Path file = out.resolve(f.fileName());
                Files.writeString(file, ReportText.render(report, f) + (f == ReportFormat.MD && !ensembles.isEmpty()
                        ? "\n" + ensembles : ""));
                err.println("wrote " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write the report: " + e.getMessage(), e);
        }
        return 0;
    }

    /**
     * Several sweeps' ablation tables side by side: each operand is a sweep's name (its report is
     * made from the log) or a report's {@code ablation.json} (a sweep whose log is elsewhere, or gone).
     * Prints the Markdown table and writes every asked format to {@code --out}.
     */
    static int compare(Options o, PrintStream out, PrintStream err) {
        if (o.positional().isEmpty()) {
            throw new IllegalArgumentException("compare needs one or more sweeps: their names, or their reports' "
                    + "ablation.json");
        }
        List<com.fasterxml.jackson.databind.JsonNode> reports = new java.util.ArrayList<>();
        for (String operand : o.positional()) {
            Path file = Path.of(operand);
            if (operand.endsWith(".json")) {
                try {
                    reports.add(Codec.json().readTree(Files.readString(file)));
                } catch (IOException e) {
                    throw new IllegalArgumentException(operand + ": cannot read the report: " + e.getMessage(), e);
                }
                continue;
            }
            SweepState state = readSweep(o, operand, err);
            if (state.trials().isEmpty()) {
                throw new IllegalArgumentException("no trials of sweep " + operand + " in the log; name a sweep the "
                        + "log has, or pass its report's ablation.json");
            }
            reports.add(Codec.json().valueToTree(SweepReport.of(state, List.of())));
        }
        dev.sweep.coordinator.compare.SweepComparison c = dev.sweep.coordinator.compare.SweepComparison.of(reports);
        List<ReportFormat> formats = o.has("--format") ? List.of(ReportFormat.parse(o.value("--format")))
                : List.of(ReportFormat.values());
        Path dir = Path.of(o.has("--out") ? o.value("--out") : "reports/compare");
        try {
            Files.createDirectories(dir);
            for (ReportFormat f : formats) {
                Path file = dir.resolve(dev.sweep.coordinator.compare.CompareText.fileName(f));
                Files.writeString(file, dev.sweep.coordinator.compare.CompareText.render(c, f));
                err.println("wrote " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the comparison: " + e.getMessage(), e);
        }
        out.print(dev.sweep.coordinator.compare.CompareText.render(c, ReportFormat.MD));
        return 0;
    }

    /**
     * Writes a sweep's prediction ensembles (each configuration's seeds averaged, and a blend
     * across configurations with weights fit by hill climbing and scored on rows they did not see)
     * from its trials' prediction files: the blend's predictions, its weights and the summary.
     */
    static int ensemble(Options o, PrintStream out, PrintStream err) {
        if (o.positional().size() != 1) {
            throw new IllegalArgumentException("ensemble needs the sweep's name");
        }
        String name = o.positional().get(0);
        List<String> configs = o.has("--configs") ? Arrays.stream(o.value("--configs").split(",")).map(String::trim)
                .filter(c -> !c.isEmpty()).toList() : List.of();
        String select = o.has("--select") ? o.value("--select") : "last";
        if (!select.equals("last") && !select.equals("best")) {
            throw new IllegalArgumentException("--select must be last or best, but got '" + select + "'");
        }
        Path dir = Path.of(o.has("--out") ? o.value("--out") : "reports/" + name);
        SweepState state = readSweep(o, name, err);
        if (state.trials().isEmpty()) {
            err.println("no trials of sweep " + state.sweepId() + " in the log");
            return 1;
        }
        EnsembleReport r = new Ensembles(select.equals("best") ? Checkpoint.BEST : Checkpoint.LAST).of(state, configs);
        String md = EnsembleText.markdown(r, EnsembleText.fusions(r, state));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("ensemble.md"), md);
            Files.writeString(dir.resolve("ensemble.json"), Codec.toJson(r));
            if (r.blend() != null) {
                StringBuilder csv = new StringBuilder("row");
                int width = r.blend().predictions().values().iterator().next().length;
                for (int k = 0; k < width; k++) {
                    csv.append(',').append(r.higherIsBetter() ? "p" : "y").append(k);
                }
                csv.append('\n');
                r.blend().predictions().forEach((row, v) -> {
                    csv.append(row);
                    for (double x : v) {
                        csv.append(',').append(String.format(java.util.Locale.ROOT, "%.6g", x));
                    }
                    csv.append('\n');
                });
                Files.writeString(dir.resolve("ensemble-predictions.csv"), csv.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the ensemble: " + e.getMessage(), e);
        }
        out.print(md);
        err.println("wrote " + dir.resolve("ensemble.md") + ", ensemble.json" + (r.blend() == null ? ""
                : ", ensemble-predictions.csv (the blend fit on all rows: " + (r.higherIsBetter()
                ? "class probabilities p0.. in the order of the logit columns" : "one score per target") + ")"));
        return 0;
    }

    /** A sweep's state folded from the whole event log of the cluster the options name. */
    private static SweepState readSweep(Options o, String name, PrintStream warnings) {
        SweepState state = new SweepState(name);
        try (KafkaConnection c = connect(o); EventLog log = new EventLog(c.settings(), warnings::println)) {
            log.catchUp().events().forEach(state::apply);
        }
        return state;
    }

    static int cancel(Options o, PrintStream err) {
        if (o.positional().size() != 1) {
            throw new IllegalArgumentException("cancel needs the sweep's name");
        }
        try (KafkaConnection c = connect(o); SweepPublisher publisher = new SweepPublisher(c.settings())) {
            publisher.control(ControlMessage.cancel(o.positional().get(0)));
        }
        err.println("sweep: asked every worker to cancel sweep " + o.positional().get(0));
        return 0;
    }

    private static KafkaConnection connect(Options o) {
        return KafkaConnection.open(o.has("--bootstrap") ? o.value("--bootstrap") : null, dataDir(o), kafkaConfig(o));
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
        Path jar = WorkerJar.path();
        if (!Files.isRegularFile(jar)) {
            err.println("sweep: no worker jar at " + jar + "; the plan's data and models are checked by the workers only");
            return;
        }
        err.println("sweep: checking each configuration's data, model and tricks before publishing...");
        // a planned strategy's trials, an adaptive one's first proposal: the data, model and tricks all of them use
        Preflight.check(jar, dev.sweep.coordinator.strategy.Strategies.firstTrials(plan.spec(), plan.planner()),
                dataDir.resolve("preflight"), WorkerJar.jvmOptions());
    }

    /**
     * The report's ensembles section from the trials' prediction files, or empty where they cannot
     * be read here (another machine's folders, a worker older than the truth columns): said in one line.
     */
    static String ensembleSection(SweepState state, PrintStream err) {
        try {
            EnsembleReport r = new Ensembles(Checkpoint.LAST).of(state, List.of());
            return EnsembleText.markdown(r, EnsembleText.fusions(r, state));
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("sweep: no ensembles in the report: " + e.getMessage());
            return "";
        }
    }

    private static void appendEnsembles(Path dir, String ensembles) {
        if (ensembles.isEmpty()) {
            return;
        }
        try {
            Files.writeString(dir.resolve("ensemble.md"), ensembles);
            Files.writeString(dir.resolve(ReportFormat.MD.fileName()), "\n" + ensembles,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the ensembles: " + e.getMessage(), e);
        }
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
}
