package dev.sweep.coordinator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compute budget with the real broker and two worker processes: a plan of four trials with
 * budget.trial_hours of one second. A third trial could only go out once one of the first two
 * (one per idle worker) finished, and no trial of the embedded model trains in under a second
 * from its start, so the budget is spent first: the sweep ends with the one or two trials it
 * began (two when the second worker was idle within a second of the first trial's start),
 * finished, and the rest never published.
 */
class TrialHoursBudgetTest {
    @TempDir
    Path dir;

    @Test
    void onceTheTrialHoursAreSpentNoNewTrialIsPublishedAndTheRunningOnesFinish() throws Exception {
        Path file = Fixtures.writeSpec(dir, "budget", """
                training: {epochs: 1, batch_size: 8, eval_batch_size: 16, lr: 1.0e-4, max_steps: 2, log_every_steps: 1}
                strategy: grid
                space: {training.lr: [1.0e-5, 2.0e-5, 3.0e-5, 4.0e-5]}
                budget: {trial_hours: 0.000278}
                output: runs
                """);
        SweepSpec spec = Codec.readYaml(file, SweepSpec.class);
        SweepPlanner planner = new SweepPlanner(spec, dir);
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("kafka"))) {
            KafkaSettings settings = KafkaSettings.of(broker.bootstrap(), null);
            TopicSetup.ensure(settings, 1);
            try (WorkerProcesses workers = WorkerProcesses.start(Fixtures.workerJar(), broker.bootstrap(), 2, 1,
                    dir.resolve("logs"), List.of("-Dai.djl.offline=true"), List.of());
                    SweepPublisher publisher = new SweepPublisher(settings);
                    EventLog log = new EventLog(settings, w -> {})) {
                SweepCoordinator coordinator = new SweepCoordinator(spec, planner, publisher, log,
                        SweepCoordinator.Dispatch.ON_IDLE);
                long deadline = System.currentTimeMillis() + 5 * 60_000;
                SweepState state = coordinator.run(c -> {}, workers::restartExited,
                        () -> System.currentTimeMillis() > deadline);
                assertTrue(coordinator.done(), "the sweep ended: " + state.trials());
                assertNotNull(coordinator.budgetSpent(), "it says the budget was spent");
                assertTrue(coordinator.budgetSpent().contains("budget.trial_hours"), coordinator.budgetSpent());
                int begun = state.trials().size();
                assertTrue(begun >= 1 && begun <= 2, "only the trials begun before the budget ran out: "
                        + state.trials().stream().map(TrialView::configName).toList());
                for (TrialView t : state.trials()) {
                    assertEquals(TrialState.COMPLETED, t.state(), "a running trial finishes: " + t.trialId());
                }
                assertTrue(state.trainingSeconds(System.currentTimeMillis()) >= 1.0);
            }
            try (EventLog again = new EventLog(settings, w -> {})) {
                long queued = again.catchUp().events().stream().filter(e -> e instanceof TrialEvent.Queued).count();
                assertTrue(queued <= 2, "nothing else was published: " + queued);
            }
        }
    }
}
