package dev.sweep.worker.cli;

import dev.sweep.common.cli.Options;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.codec.ConfigException;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.worker.data.SpamAssassinCorpus;
import dev.sweep.worker.train.ConsoleProgress;
import dev.sweep.worker.train.TrainingDivergedException;
import dev.sweep.worker.train.TrialRunner;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import dev.sweep.common.metrics.MetricsServer;
import dev.sweep.common.wire.KafkaRefusedException;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.ClientLogging;
import org.apache.kafka.common.KafkaException;
import dev.sweep.worker.service.WorkerService;

/**
 * Entry point of the worker jar.
 *
 * <pre>
 * train TRIAL.yaml [--output DIR] [--max-steps N]   one trial, no Kafka; last stdout line is the result JSON
 * check TRIAL.yaml...                               each trial up to its first step: a one-line error, or "ok"
 * worker --bootstrap HOST:PORT[,HOST:PORT...] [--device cpu|gpu:N] [--threads N] [--id NAME] [--kafka-config FILE]
 *        [--metrics-port P] [--metrics-host H]
 *                                                     serve trials from Kafka until stopped
 * bench [step] [--steps N] [--warmup N] [--batch B] [--tokens T]   the optimizer-step benchmark
 * data spam-assassin PACKAGE_DIR OUT.csv             the SpamAssassin corpus (npm) as CSV
 * </pre>
 */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(String[] args) throws java.io.IOException {
        ClientLogging.quiet();
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            GcChaos.startIfAsked();
            switch (args[0]) {
                case "train" -> train(rest);
                case "worker" -> serve(rest);
                case "check" -> check(rest);
                case "bench" -> bench(rest);
                case "data" -> data(rest);
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (ConfigException | TrainingDivergedException | IllegalArgumentException | KafkaRefusedException e) {
            // input and settings errors are one line for the user, not a stack trace
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage() {
        System.err.println("""
                usage: sweep train TRIAL.yaml [--output DIR] [--max-steps N]
                       sweep worker --bootstrap HOST:PORT[,HOST:PORT...] [--device cpu|gpu:N] [--threads N] [--id NAME] [--kafka-config FILE]
                       sweep bench [--steps N] [--warmup N] [--batch B] [--tokens T] [--dropout P]
                       sweep data spam-assassin PACKAGE_DIR OUT.csv""");
    }

    private static void train(List<String> args) {
        Options o = Options.parse(args, List.of("--output", "--max-steps"));
        if (o.positional().size() != 1) {
            throw new IllegalArgumentException("train needs one TRIAL.yaml, but got " + o.positional());
        }
        Path file = Path.of(o.positional().get(0));
        TrialConfig config = Codec.readYaml(file, TrialConfig.class);
        if (o.has("--max-steps")) {
            config = config.withTraining(config.training().withMaxSteps(o.intValue("--max-steps")));
        }
        if (o.has("--output")) {
            config = config.withOutput(Path.of(o.value("--output")).toAbsolutePath().toString());
        }
        EngineSettings.apply(config.training().threads());
        Path baseDir = file.toAbsolutePath().getParent();
        TrialResult result = new TrialRunner(baseDir, ConsoleProgress.stderr(), List.of()).run(config);
        System.out.println(Codec.toJson(result));
    }

    /**
     * The coordinator's preflight: builds each trial up to its first step and prints "ok FILE";
     * the first trial the engine refuses ends it with "error: FILE: ..." and exit code 1.
     */
    private static void check(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("check needs one or more TRIAL.yaml");
        }
        EngineSettings.apply(1);
        for (String arg : args) {
            Path file = Path.of(arg).toAbsolutePath();
            TrialConfig config = Codec.readYaml(file, TrialConfig.class);
            try {
                new TrialRunner(file.getParent(), p -> {}, List.of()).check(config.withTraining(
                        config.training().withDevice("cpu")));
            } catch (ConfigException | IllegalArgumentException e) {
                throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
            }
            System.out.println("ok " + file.getFileName());
        }
    }

    private static void serve(List<String> args) {
        Options o = Options.parse(args, List.of("--bootstrap", "--device", "--threads", "--id", "--kafka-config",
                "--metrics-port", "--metrics-host"));
        if (!o.has("--bootstrap")) {
            throw new IllegalArgumentException("worker needs --bootstrap HOST:PORT");
        }
        String device = o.has("--device") ? o.value("--device") : "cpu";
        TrialRunner.device(device); // refuse a GPU that is not there before joining the group
        EngineSettings.apply(o.has("--threads") ? o.intValue("--threads") : 0);
        String id = o.has("--id") ? o.value("--id") : defaultWorkerId();
        String kafkaConfig = KafkaSettings.configFile(o.has("--kafka-config") ? o.value("--kafka-config") : null);
        KafkaSettings settings = KafkaSettings.of(o.value("--bootstrap"), kafkaConfig);
        try {
            serve(settings, id, device, o);
        } catch (KafkaException e) {
            // refused credentials or certificates: no retry passes, so the worker stops with the setting to fix
            throw KafkaRefusedException.find(e, settings.bootstrap(), kafkaConfig).orElseThrow(() -> e);
        }
    }

    private static void serve(KafkaSettings settings, String id, String device, Options o) {
        MetricsServer metrics = MetricsServer.start(o.has("--metrics-host") ? o.value("--metrics-host") : "127.0.0.1",
                o.intValue("--metrics-port", 0));
        System.err.println("worker " + id + ": metrics at " + metrics.url());
        WorkerService service;
        try {
            service = new WorkerService(settings, id, device, System.err, metrics.registry(), WorkerMain::gpuMemoryBytes);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            metrics.close();
            throw unreachable(settings, e);
        }
        Thread main = Thread.currentThread();
        // SIGTERM: stop the trial without committing it, so another worker takes it over
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            try {
                main.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (metrics; service) {
            service.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw unreachable(settings, e);
        }
    }

    /**
     * The cluster did not answer within a client's timeout (at the start: a wrong address, brokers
     * down, a security setting): said in one line naming every bootstrap server. A broker lost
     * while serving does not end here: the clients move to its partitions' new leaders well within
     * their timeouts; only a cluster gone for longer than them does.
     */
    private static IllegalArgumentException unreachable(KafkaSettings settings, RuntimeException e) {
        return new IllegalArgumentException("Kafka at " + settings.bootstrap() + " did not answer (" + e.getMessage()
                + "); check --bootstrap, that the brokers are up, and the client security settings (--kafka-config)", e);
    }

    /** Bytes in use on a CUDA device, as DJL reads them. */
    private static double gpuMemoryBytes(String device) {
        java.lang.management.MemoryUsage usage = ai.djl.util.cuda.CudaUtils.getGpuMemory(TrialRunner.device(device));
        return usage.getUsed();
    }

    private static String defaultWorkerId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "host");
        return host + "-" + ProcessHandle.current().pid();
    }

    private static void bench(List<String> args) throws java.io.IOException {
        if (!args.isEmpty() && args.get(0).equals("tricks")) {
            TrickBenchmark.all(args.subList(1, args.size()));
        } else if (!args.isEmpty() && args.get(0).equals("trick")) {
            TrickBenchmark.one(args.subList(1, args.size()));
        } else {
            StepBenchmark.main(args.isEmpty() || !args.get(0).equals("step") ? args : args.subList(1, args.size()));
        }
    }

    private static void data(List<String> args) {
        if (args.size() != 3 || !args.get(0).equals("spam-assassin")) {
            throw new IllegalArgumentException("usage: sweep data spam-assassin PACKAGE_DIR OUT.csv");
        }
        int rows = SpamAssassinCorpus.convert(Path.of(args.get(1)), Path.of(args.get(2)));
        System.err.println("wrote " + rows + " messages to " + args.get(2));
    }
}
