package dev.sweep.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.coordinator.Fixtures;
import dev.sweep.coordinator.kafka.EmbeddedBroker;
import dev.sweep.coordinator.kafka.EventLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial's numbers depend on its config, its device, its intra-op threads and the engine, and on
 * nothing else: the same trial trained by a worker of a real sweep (a worker process started with
 * 2 threads, the trial asking for 1) and by {@code train} in a JVM of its own gives the same
 * metrics, evaluation by evaluation, to the last bit, and both results say what they ran on.
 */
class ReproducibilityTest {
    @TempDir
    Path dir;

    @Test
    void aTrialTrainedByAWorkerAndByTrainGivesBitIdenticalMetrics() throws Exception {
        Fixtures.writeSpec(dir, "repro", """
                training: {epochs: 1, batch_size: 8, eval_batch_size: 16, lr: 1.0e-4, max_steps: 3, eval_every_steps: 1,
                           log_every_steps: 1, threads: 1}
                strategy: grid
                space: {training.weight_decay: [0.01]}
                seeds: [5]
                output: runs
                """);
        Path data = dir.resolve(".sweep");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CoordinatorMain.run(Command.RUN.parse(List.of(dir.resolve("spec.yaml").toString(), "--workers", "1",
                "--threads", "2", "--data-dir", data.toString())),
                print(new ByteArrayOutputStream()), print(err));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        TrialResult byWorker = completedResult(data);
        assertNotNull(byWorker.environment(), "the worker's result says what it ran on");
        assertEquals(1, byWorker.environment().intraOpThreads(), "the worker honours the trial's threads");
        assertEquals("cpu", byWorker.environment().device());

        Path trial = Path.of(byWorker.output()).resolve("trial.yaml");
        assertTrue(Files.exists(trial), trial + " was written by the worker");
        TrialResult byTrain = train(trial, dir.resolve("again"));
        assertEquals(byWorker.environment(), byTrain.environment());
        assertEquals(byWorker.history().size(), byTrain.history().size());
        assertTrue(byWorker.history().size() >= 3, "an evaluation after every step: " + byWorker.history());
        for (int i = 0; i < byWorker.history().size(); i++) {
            assertEquals(bits(byWorker.history().get(i).metrics().values()), bits(byTrain.history().get(i).metrics().values()),
                    "evaluation " + i + ": " + byWorker.history().get(i) + " against " + byTrain.history().get(i));
            assertEquals(Double.doubleToRawLongBits(byWorker.history().get(i).trainLoss()),
                    Double.doubleToRawLongBits(byTrain.history().get(i).trainLoss()), "train loss of evaluation " + i);
        }
        assertEquals(bits(byWorker.last().values()), bits(byTrain.last().values()));
    }

    private static List<Long> bits(java.util.Collection<Double> values) {
        List<Long> out = new ArrayList<>();
        values.forEach(v -> out.add(Double.doubleToRawLongBits(v)));
        return out;
    }

    private static TrialResult completedResult(Path data) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(data.resolve("kafka"));
                EventLog log = new EventLog(KafkaSettings.of(broker.bootstrap(), null), w -> {})) {
            List<TrialResult> results = log.catchUp().events().stream()
                    .filter(e -> e instanceof TrialEvent.Completed).map(e -> ((TrialEvent.Completed) e).result()).toList();
            assertEquals(1, results.size(), "one trial: " + results);
            return results.get(0);
        }
    }

    /**
     * {@code java -jar sweep-worker.jar train TRIAL.yaml} with stderr discarded: stdout is the result's
     * JSON on one line and nothing else (progress and evaluations go to stderr), so
     * {@code ./sweep train T.yaml 2>/dev/null | jq .} works.
     */
    private static TrialResult train(Path trial, Path output) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-jar", Fixtures.workerJar().toString(), "train", trial.toString(), "--output", output.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "train did not finish");
        assertEquals(0, p.exitValue(), stdout);
        String[] lines = stdout.strip().split("\n");
        assertEquals(1, lines.length, "stdout must hold the result alone, but got: " + stdout);
        return Codec.json().readValue(lines[0], TrialResult.class);
    }

    private static PrintStream print(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }
}
