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
import dev.sweep.coordinator.kafka.TopicSetup;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import dev.sweep.coordinator.strategy.Strategies;
import dev.sweep.coordinator.strategy.SweepStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An adaptive sweep (TPE proposing, ASHA pruning) with the real broker, two worker processes
 * training the embedded model, and a coordinator process SIGKILLed mid-sweep and started again:
 * afterwards every proposal number is in the log exactly once, no trial was published twice, every
 * proposal ended (completed or pruned), some were pruned, and a worker stopped a pruned trial at
 * its next step.
 */
class AdaptiveRestartTest {
    @TempDir
    Path dir;

    private static final int SAMPLES = 6;

    /** Regression on the tiny essays: MCRMSE is continuous, so ASHA's rungs have no ties to wave through. */
    private Path spec() throws Exception {
        Fixtures.writeEssays(dir.resolve("essays.csv"));
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, """
                name: adaptive
                task: {type: regression, train: essays.csv, text: [full_text], targets: [cohesion, syntax],
                       max_length: 24, validation: {fraction: 0.25}}
                model: {source: embedded, pooling: mean}
                training: {epochs: 1, batch_size: 8, eval_batch_size: 16, lr: 1.0e-4, max_steps: 6, log_every_steps: 1,
                           eval_every_steps: 1}
                seeds: [1]
                strategy: tpe
                samples: %d
                sampler_seed: 3
                tpe: {n_startup_trials: 2}
                space:
                  training.lr: {min: 1.0e-6, max: 1.0e-2, log: true}
                prune: {method: asha, min_resource: 1, reduction_factor: 2}
                output: runs
                """.formatted(SAMPLES));
        return spec;
    }

    private Process coordinator(Path spec, String bootstrap, String name) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.sweep.coordinator.cli.CoordinatorMain", "run", spec.toString(),
                "--bootstrap", bootstrap, "--data-dir", dir.resolve(".sweep").toString(), "--preflight", "off")
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    @Test
    void aCoordinatorKilledMidSearchProposesNothingTwiceAndLosesNothing() throws Exception {
        Path file = spec();
        SweepSpec spec = Codec.readYaml(file, SweepSpec.class);
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("kafka"))) {
            KafkaSettings settings = KafkaSettings.of(broker.bootstrap(), null);
            TopicSetup.ensure(settings, 1);
            try (WorkerProcesses workers = WorkerProcesses.start(Fixtures.workerJar(), broker.bootstrap(), 2, 1,
                    dir.resolve("logs"), List.of("-Dai.djl.offline=true"), List.of());
                    EventLog log = new EventLog(settings, w -> {})) {
                long deadline = System.currentTimeMillis() + 8 * 60_000;
                Process first = coordinator(file, broker.bootstrap(), "coordinator-1");
                SweepState watched = new SweepState("adaptive");
                // killed once results have come in and more proposals are still to be made from them
                while (watched.trials().stream().filter(t -> t.state().finished()).count() < 2) {
                    assertTrue(System.currentTimeMillis() < deadline && first.isAlive(), "two trials ended under the "
                            + "first coordinator:\n" + Files.readString(dir.resolve("coordinator-1.log")));
                    log.poll(java.time.Duration.ofMillis(300)).events().forEach(watched::apply);
                }
                first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, nothing flushed
                assertTrue(watched.trials().size() < SAMPLES, "killed before every proposal was made: "
                        + watched.trials().size());
                Process second = coordinator(file, broker.bootstrap(), "coordinator-2");
                assertTrue(second.waitFor(8, TimeUnit.MINUTES), "the second coordinator finished");
                assertEquals(0, second.exitValue(), Files.readString(dir.resolve("coordinator-2.log")));
            }
            List<TrialEvent> events;
            try (EventLog again = new EventLog(settings, w -> {})) {
                events = again.catchUp().events();
            }
            SweepState state = new SweepState("adaptive");
            events.forEach(state::apply);
            Map<Integer, Long> numbers = events.stream().filter(e -> e instanceof TrialEvent.Queued q && q.proposal() != null
                    && q.attempt() == 1).map(e -> ((TrialEvent.Queued) e).proposal().number())
                    .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
            assertEquals(new TreeSet<>(java.util.stream.IntStream.range(0, SAMPLES).boxed().toList()), numbers.keySet(),
                    "every proposal number once: " + numbers);
            assertTrue(numbers.values().stream().allMatch(n -> n == 1), "no number proposed twice: " + numbers);
            Map<String, Long> queued = events.stream().filter(e -> e instanceof TrialEvent.Queued)
                    .collect(Collectors.groupingBy(e -> e.trialId() + "#" + e.attempt(), Collectors.counting()));
            assertTrue(queued.values().stream().allMatch(n -> n == 1), "no trial published twice: " + queued);
            SweepStrategy strategy = Strategies.of(spec, new SweepPlanner(spec, dir));
            for (TrialView t : state.trials()) {
                assertTrue(t.state() == TrialState.COMPLETED || t.state() == TrialState.PRUNED, t.trialId() + " ended "
                        + t.state() + ": " + t.error());
                assertNotNull(strategy.trial(t), "a proposal the spec's strategy rebuilds from the log: " + t.configName());
                if (t.state() == TrialState.PRUNED) {
                    assertTrue(t.stopReason().startsWith("rung "), t.stopReason());
                }
            }
            assertEquals(SAMPLES, state.trials().size(), "no proposal lost");
            assertTrue(state.count(TrialState.PRUNED) >= 1, "ASHA pruned some: " + state.trials().stream()
                    .map(t -> t.configName() + " " + t.state()).toList());
            assertTrue(strategy.exhausted(state));
            // the worker heard: it stopped the trial at its next step and said so (rather than training it to the end)
            assertTrue(events.stream().anyMatch(e -> e instanceof TrialEvent.Pruned p && !p.worker().equals("coordinator")),
                    "a worker stopped a pruned trial itself");
        }
    }
}
