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
import dev.sweep.coordinator.report.ReportText;
import dev.sweep.coordinator.report.SweepReport;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison trials with the real broker and worker processes: one that diverges to NaN, and one
 * that crashes every worker that takes it. Each is tried max_attempts times, ends failed with
 * its cause, goes to sweep.dead, and the sweep carries on and reports it.
 */
class PoisonTrialTest {
    @TempDir
    Path dir;

    /** @param plan the spec's lines after the training recipe: strategy, tricks or space */
    private SweepState run(String name, String training, List<String> workerJvm, String plan) throws Exception {
        Fixtures.writeData(dir.resolve("d.csv"));
        Files.writeString(dir.resolve(name + ".yaml"), """
                name: %s
                task: {type: classification, train: d.csv, text: [text], targets: [label], max_length: 16,
                       validation: {fraction: 0.25}}
                model: {source: embedded}
                training: %s
                seeds: [1]
                max_attempts: 2
                output: runs
                %s
                """.formatted(name, training, plan));
        SweepSpec spec = Codec.readYaml(dir.resolve(name + ".yaml"), SweepSpec.class);
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("kafka-" + name))) {
            KafkaSettings settings = KafkaSettings.of(broker.bootstrap(), null);
            TopicSetup.ensure(settings, 1);
            try (WorkerProcesses workers = WorkerProcesses.start(Fixtures.workerJar(), broker.bootstrap(), 1, 1,
                    dir.resolve("logs-" + name), workerJvm, List.of());
                    SweepPublisher publisher = new SweepPublisher(settings);
                    EventLog log = new EventLog(settings, w -> {})) {
                SweepCoordinator coordinator = new SweepCoordinator(spec, new SweepPlanner(spec, dir), publisher, log,
                        SweepCoordinator.Dispatch.ON_IDLE);
                long deadline = System.currentTimeMillis() + 5 * 60_000;
                SweepState state = coordinator.run(c -> {}, workers::restartExited,
                        () -> System.currentTimeMillis() > deadline);
                assertTrue(coordinator.done(), "finished: " + state.trials() + "\n"
                        + Files.readString(workers.logs().get(0)));
                // the dead letters are in their topic: a fresh reader of the log sees them
                SweepState replay = new SweepState(name);
                try (EventLog again = new EventLog(settings, w -> {})) {
                    EventLog.Batch all = again.catchUp();
                    all.events().forEach(replay::apply);
                    all.dead().forEach(d -> replay.deadLettered(d.trialId()));
                }
                for (TrialView t : replay.trials()) {
                    if (t.state() == TrialState.DEAD) {
                        assertTrue(replay.isDeadLettered(t.trialId()), t.trialId() + " went to sweep.dead");
                    }
                }
                return state;
            }
        }
    }

    @Test
    void aTrialThatDivergesIsTriedMaxAttemptsTimesThenDeadWhileTheOthersComplete() throws Exception {
        // two learning rates: one trains, one no model survives (no clipping, so the loss goes NaN)
        SweepState state = run("nan", "{epochs: 1, batch_size: 8, max_steps: 5, max_grad_norm: 0}",
                List.of("-Dai.djl.offline=true"), "strategy: grid\nspace: {training.lr: [1.0e-4, 1.0e+4]}");
        TrialView good = state.trials().stream().filter(t -> t.configName().equals("base[lr=0.0001]")).findFirst()
                .orElseThrow();
        TrialView bad = state.trials().stream().filter(t -> t.configName().equals("base[lr=10000]")).findFirst()
                .orElseThrow();
        assertEquals(TrialState.COMPLETED, good.state());
        assertEquals(TrialState.DEAD, bad.state());
        assertEquals(2, bad.attempt(), "tried max_attempts times");
        assertTrue(bad.error().contains("not finite") || bad.error().contains("NaN") || bad.error().contains("Infinity"),
                bad.error());
    }

    @Test
    void aTrialThatKillsEveryWorkerIsDeclaredDeadByTheCoordinator() throws Exception {
        // a heap too small for the model's weights, and a JVM told to die on OutOfMemoryError: every
        // delivery kills its worker, as a native crash would
        SweepState state = run("crash", "{epochs: 1, batch_size: 8, lr: 1.0e-4, max_steps: 2}",
                List.of("-Dai.djl.offline=true", "-Xmx40m", "-XX:+CrashOnOutOfMemoryError", "-XX:-CreateCoredumpOnCrash",
                        "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log")),
                "tricks: {ema: {decay: 0.5}}\nfma: false");
        for (TrialView t : state.trials()) {
            assertEquals(TrialState.DEAD, t.state(), t.trialId());
            assertTrue(t.error().contains("the worker training it died 2 times"), t.error());
        }
        SweepReport report = SweepReport.of(state, List.of());
        String text = ReportText.terminal(report);
        assertTrue(text.contains("failed: base seed 1 failed after 1 attempt(s): the worker training it died"), text);
    }
}
