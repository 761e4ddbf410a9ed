package dev.sweep.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.cli.Options;
import dev.sweep.coordinator.Fixtures;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.coordinator.kafka.EmbeddedBroker;
import dev.sweep.coordinator.kafka.EventLog;
import dev.sweep.coordinator.run.WorkerProcesses;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a cluster the product did not start (here a broker the test runs): submit publishes a
 * sweep, a worker process started on its own takes a trial, cancel stops the running trial at
 * its next step and every queued one without training it, and status reads it all back.
 */
class ClusterModeTest {
    @TempDir
    Path dir;

    @Test
    void submitThenCancelStopsTheRunningTrialAndSkipsTheQueuedOnes() throws Exception {
        Fixtures.writeSpec(dir, "long", """
                training: {epochs: 200, batch_size: 8, lr: 1.0e-5, log_every_steps: 1}
                seeds: [1, 2, 3]
                tricks: {ema: {}}
                fma: false
                output: runs
                """);
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("cluster"))) {
            String bootstrap = broker.bootstrap();
            KafkaSettings settings = KafkaSettings.of(bootstrap, null);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
            assertEquals(0, CoordinatorMain.submit(options(Command.SUBMIT, dir.resolve("spec.yaml").toString(), "--bootstrap", bootstrap),
                    errStream));
            try (WorkerProcesses worker = WorkerProcesses.start(Fixtures.workerJar(), bootstrap, 1, 1, dir.resolve("logs"),
                    List.of("-Dai.djl.offline=true"), List.of());
                    EventLog log = new EventLog(settings, w -> {})) {
                SweepState state = new SweepState("long");
                // wait (bounded by the test's events, not a sleep) until the worker reports training progress
                long deadline = System.currentTimeMillis() + 120_000;
                while (state.trials().stream().noneMatch(t -> t.progress() != null)) {
                    assertTrue(System.currentTimeMillis() < deadline, "no progress within 2 minutes: "
                            + Files.readString(dir.resolve("logs/worker-1.log")));
                    log.poll(Duration.ofMillis(500)).events().forEach(state::apply);
                }
                assertEquals(0, CoordinatorMain.cancel(options(Command.CANCEL, "long", "--bootstrap", bootstrap), errStream));
                while (!state.allFinished()) {
                    assertTrue(System.currentTimeMillis() < deadline, "not all cancelled: " + state.trials());
                    log.poll(Duration.ofMillis(500)).events().forEach(state::apply);
                }
                assertEquals(6, state.trials().size());
                for (TrialView t : state.trials()) {
                    assertEquals(TrialState.CANCELLED, t.state(), t.trialId());
                }
                TrialView stopped = state.trials().stream().filter(t -> t.progress() != null).findFirst().orElseThrow();
                assertTrue(stopped.progress().step() < stopped.progress().totalSteps(), "stopped mid-training");
                assertEquals(1, state.trials().stream().filter(t -> t.progress() != null).count(),
                        "the queued trials were not trained");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, CoordinatorMain.status(options(Command.STATUS, "long", "--bootstrap", bootstrap),
                    new PrintStream(out, true, StandardCharsets.UTF_8)));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("6 cancelled"), out.toString(StandardCharsets.UTF_8));
        }
    }

    private static Options options(Command command, String... args) {
        return command.parse(List.of(args));
    }

}
