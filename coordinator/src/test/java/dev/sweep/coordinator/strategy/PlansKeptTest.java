package dev.sweep.coordinator.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.coordinator.plan.SweepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planned strategies (grid, random, ablation) propose what the planner planned before strategies were plug-ins: the same
 * trial ids, configurations, seeds, folds and plan id, and the same FMA trials, for the example
 * demo spec and a grid, a random and an ablation spec. The {@code .ids} files were written by the
 * planner of commit 4120c88 (before the redesign) with {@code -Dsweep.recordPlans=true}; a change
 * of any trial id breaks every sweep already in a log, so this test fails on it.
 */
class PlansKeptTest {
    /** Every trial's id depends on the resolved (absolute) paths, so the plans are made against one fixed folder. */
    private static final Path BASE = Path.of("/plans-kept/examples");
    private static final Path RESOURCES = Path.of("src/test/resources/plans");

    static Stream<Arguments> specs() {
        return Stream.of(Arguments.of("demo", Path.of("../examples/demo.yaml")),
                Arguments.of("grid", RESOURCES.resolve("grid.yaml")),
                Arguments.of("random", RESOURCES.resolve("random.yaml")),
                Arguments.of("ablation", RESOURCES.resolve("ablation.yaml")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void theSameTrialsAsBeforeTheRedesign(String name, Path file) throws Exception {
        SweepSpec spec = Codec.readYaml(file, SweepSpec.class);
        List<String> lines = lines(spec);
        Path recorded = RESOURCES.resolve(name + ".ids");
        if (Boolean.getBoolean("sweep.recordPlans")) {
            Files.write(recorded, lines);
        }
        assertTrue(Files.isRegularFile(recorded), recorded + " is missing: it is recorded from the old planner");
        assertEquals(Files.readAllLines(recorded), lines);
    }

    /**
     * One line per trial as the strategy proposes them on an empty log; then, once every one of
     * them has completed, the FMA trials it proposes.
     */
    private static List<String> lines(SweepSpec spec) {
        SweepStrategy strategy = Strategies.of(spec, new SweepPlanner(spec, BASE));
        SimulatedLog log = new SimulatedLog(spec.name(), "accuracy", true);
        List<String> out = new ArrayList<>();
        for (Proposed p : strategy.propose(log.replay(), Integer.MAX_VALUE)) {
            out.add(line(p.trial()));
            log.run(p, 0.5);
        }
        assertTrue(strategy.exhausted(log.replay()) != spec.fma(), "averages still to come exactly when fma is on");
        for (Proposed p : strategy.propose(log.replay(), Integer.MAX_VALUE)) {
            out.add(line(p.trial()));
            log.run(p, 0.5);
        }
        assertTrue(strategy.exhausted(log.replay()), "nothing more once the averages are in");
        return out;
    }

    private static String line(TrialSpec t) {
        return String.join(" ", t.kind() == TrialKind.TRAIN ? "train" : "average", t.configName(),
                String.valueOf(t.seed()), String.valueOf(t.fold()), t.trialId(), t.planId(), t.config().output());
    }
}
