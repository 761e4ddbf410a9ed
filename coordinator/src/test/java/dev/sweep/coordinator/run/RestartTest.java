package dev.sweep.coordinator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.coordinator.Fixtures;
import dev.sweep.coordinator.kafka.EmbeddedBroker;
import dev.sweep.coordinator.kafka.EventLog;
import dev.sweep.coordinator.kafka.SweepPublisher;
import dev.sweep.coordinator.kafka.TopicSetup;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the real broker and worker processes: a coordinator process killed mid-sweep and started
 * again rebuilds the state from the log and finish with the same trials an uninterrupted run
 * has, publishing none twice; and a broker restarted mid-sweep is reconnected to by workers and
 * coordinator alike.
 */
class RestartTest {
    @TempDir
    Path dir;

    private SweepSpec spec() throws Exception {
        Path file = Fixtures.writeSpec(dir, "restart", """
                training: {epochs: 2, batch_size: 8, eval_batch_size: 16, lr: 1.0e-4, max_steps: 6, log_every_steps: 1}
                seeds: [1, 2]
                tricks: {ema: {decay: 0.5}}
                output: runs
                """);
        return Codec.readYaml(file, SweepSpec.class);
    }


    private static Map<String, Long> queuedPerAttempt(KafkaSettings settings) {
        try (EventLog log = new EventLog(settings, w -> {})) {
            return log.catchUp().events().stream().filter(e -> e instanceof TrialEvent.Queued)
                    .collect(Collectors.groupingBy(e -> e.trialId() + "#" + e.attempt(), Collectors.counting()));
        }
    }

    /** A coordinator as its own process, as {@code ./sweep run --bootstrap} starts it. */
    private Process coordinator(String bootstrap, String name) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.sweep.coordinator.cli.CoordinatorMain", "run",
                dir.resolve("spec.yaml").toString(), "--bootstrap", bootstrap, "--data-dir", dir.resolve(".sweep").toString(),
                "--preflight", "off").redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    @Test
    void aCoordinatorKilledMidSweepIsStartedAgainAndTheSweepEndsWithTheSameTrials() throws Exception {
        SweepSpec spec = spec();
        SweepPlanner planner = new SweepPlanner(spec, dir);
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("kafka"))) {
            KafkaSettings settings = KafkaSettings.of(broker.bootstrap(), null);
            TopicSetup.ensure(settings, 1);
            try (WorkerProcesses workers = WorkerProcesses.start(Fixtures.workerJar(), broker.bootstrap(), 2, 1,
                    dir.resolve("logs"), List.of("-Dai.djl.offline=true"), List.of());
                    EventLog log = new EventLog(settings, w -> {})) {
                long deadline = System.currentTimeMillis() + 6 * 60_000;
                Process first = coordinator(broker.bootstrap(), "coordinator-1");
                SweepState watched = new SweepState("restart");
                while (watched.count(TrialState.COMPLETED) < 2) {
                    assertTrue(System.currentTimeMillis() < deadline && first.isAlive(), "two trials completed under the "
                            + "first coordinator:\n" + Files.readString(dir.resolve("coordinator-1.log")));
                    log.poll(java.time.Duration.ofMillis(300)).events().forEach(watched::apply);
                }
                first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, nothing flushed
                Process second = coordinator(broker.bootstrap(), "coordinator-2");
                assertTrue(second.waitFor(6, java.util.concurrent.TimeUnit.MINUTES), "the second coordinator finished");
                assertEquals(0, second.exitValue(), Files.readString(dir.resolve("coordinator-2.log")));
            }
            SweepState state = new SweepState("restart");
            try (EventLog again = new EventLog(settings, w -> {})) {
                again.catchUp().events().forEach(state::apply);
            }
            Set<String> completed = new TreeSet<>();
            state.trials().stream().filter(t -> t.state() == TrialState.COMPLETED).forEach(t -> completed.add(t.trialId()));
            assertEquals(Fixtures.plannedWithAverages(planner), completed, "the same trials as an uninterrupted run");
            Map<String, Long> queued = queuedPerAttempt(settings);
            assertTrue(queued.values().stream().allMatch(n -> n == 1), "no finished trial republished: " + queued);
        }
    }

    @Test
    void workersAndCoordinatorCarryOnThroughABrokerRestart() throws Exception {
        SweepSpec spec = spec();
        SweepPlanner planner = new SweepPlanner(spec, dir);
        Path data = dir.resolve("kafka");
        EmbeddedBroker[] broker = {EmbeddedBroker.start(data)};
        String bootstrap = broker[0].bootstrap();
        KafkaSettings settings = KafkaSettings.of(bootstrap, null);
        TopicSetup.ensure(settings, 1);
        boolean[] restarted = {false};
        try (WorkerProcesses workers = WorkerProcesses.start(Fixtures.workerJar(), bootstrap, 2, 1, dir.resolve("logs"),
                List.of("-Dai.djl.offline=true"), List.of());
                SweepPublisher publisher = new SweepPublisher(settings);
                EventLog log = new EventLog(settings, w -> {})) {
            SweepCoordinator coordinator = new SweepCoordinator(spec, planner, publisher, log,
                    SweepCoordinator.Dispatch.ON_IDLE);
            long deadline = System.currentTimeMillis() + 6 * 60_000;
            SweepState state = coordinator.run(c -> {
                // once the first trial has completed: the broker goes down and comes back on its folder
                if (!restarted[0] && c.state().count(TrialState.COMPLETED) >= 1) {
                    restarted[0] = true;
                    broker[0].close();
                    broker[0] = EmbeddedBroker.start(data);
                }
            }, workers::restartExited, () -> System.currentTimeMillis() > deadline);
            assertTrue(restarted[0], "the broker was restarted mid-sweep");
            assertEquals(bootstrap, broker[0].bootstrap(), "it came back on the same address");
            assertTrue(coordinator.done(), "the sweep finished after the restart: " + state.trials());
            for (TrialView t : state.trials()) {
                assertEquals(TrialState.COMPLETED, t.state(), t.trialId());
            }
            assertEquals(Fixtures.plannedWithAverages(planner), new TreeSet<>(state.trials().stream().map(TrialView::trialId).toList()));
        } finally {
            broker[0].close();
        }
    }
}
