package dev.sweep.coordinator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.KafkaSettings;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers killed with SIGKILL at random points of their trials, with the real broker and real
 * worker processes: every trial still completes exactly once and no terminal event is lost.
 */
class ChaosTest {
    @TempDir
    Path dir;

    @Test
    void workersKilledMidTrialLoseNothingAndDuplicateNothing() throws Exception {
        Fixtures.writeSpec(dir, "chaos", """
                training: {epochs: 4, batch_size: 8, eval_batch_size: 16, lr: 1.0e-4, max_steps: 10, log_every_steps: 1}
                seeds: [1, 2, 3]
                tricks: {ema: {decay: 0.5}}
                max_attempts: 10
                output: runs
                """);
        SweepSpec spec = Codec.readYaml(dir.resolve("spec.yaml"), SweepSpec.class);
        SweepPlanner planner = new SweepPlanner(spec, dir);
        Random rng = new Random(42);
        Map<String, Integer> killsPerTrial = new HashMap<>();
        int[] kills = {0};
        int[] restarts = {0};
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("kafka"))) {
            KafkaSettings settings = KafkaSettings.of(broker.bootstrap(), null);
            TopicSetup.ensure(settings, 1);
            try (WorkerProcesses workers = WorkerProcesses.start(Fixtures.workerJar(), broker.bootstrap(), 2, 1,
                    dir.resolve("logs"), List.of("-Dai.djl.offline=true"), List.of());
                    SweepPublisher publisher = new SweepPublisher(settings);
                    EventLog log = new EventLog(settings, w -> {})) {
                SweepCoordinator coordinator = new SweepCoordinator(spec, planner, publisher, log,
                        SweepCoordinator.Dispatch.ON_IDLE);
                Map<String, Integer> killAtStep = new HashMap<>();
                long deadline = System.currentTimeMillis() + 8 * 60_000;
                SweepState state = coordinator.run(c -> {
                    for (TrialView t : c.state().trials()) {
                        if (t.state() != TrialState.RUNNING || t.progress() == null || kills[0] >= 4
                                || killsPerTrial.getOrDefault(t.trialId(), 0) >= 2) {
                            continue;
                        }
                        // each delivery gets its own random point between its first and last steps
                        int at = killAtStep.computeIfAbsent(t.trialId() + "@" + t.worker(), k -> 1 + rng.nextInt(8));
                        if (t.progress().step() >= at) {
                            for (int i = 1; i <= workers.size(); i++) {
                                if (workers.workerId(i).equals(t.worker())) {
                                    workers.kill(i);
                                    kills[0]++;
                                    killsPerTrial.merge(t.trialId(), 1, Integer::sum);
                                }
                            }
                        }
                    }
                }, () -> restarts[0] += workers.restartExited().size(), () -> System.currentTimeMillis() > deadline);
                assertTrue(coordinator.done(), "the sweep finished within 8 minutes: " + state.trials());
                List<TrialView> trials = List.copyOf(state.trials());
                long lost = trials.stream().filter(t -> t.state() != TrialState.COMPLETED).count();
                int duplicates = trials.stream().mapToInt(TrialView::duplicateResults).sum();
                System.out.printf("chaos: %d trials, %d kills, %d restarts, %d lost, %d duplicate results%n",
                        trials.size(), kills[0], restarts[0], lost, duplicates);
                assertTrue(kills[0] >= 2, "the test killed workers mid-trial: " + kills[0]);
                assertEquals(0, lost, "every trial completed: " + trials);
                assertEquals(0, duplicates, "each result once");
                for (String killed : killsPerTrial.keySet()) {
                    assertTrue(state.trial(killed).superseded() > 0, "the dead delivery's events are marked superseded");
                }
                // and the log itself: one completed event per trial, none lost
                Fixtures.LogReplay again = Fixtures.replayLog(settings, "chaos");
                SweepState replay = again.state();
                Map<String, Long> completed = again.completed();
                assertEquals(trials.size(), completed.size(), "a completed event for every trial: " + completed);
                assertTrue(completed.values().stream().allMatch(n -> n == 1), "no trial trained twice: " + completed);
                assertTrue(replay.allFinished());
            }
        }
    }
}
