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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The static strategies plan what the planner planned before strategies were plug-ins: the same
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

    /** One line per trial: kind, configuration, seed, fold, id, plan id; then each FMA trial. */
    private static List<String> lines(SweepSpec spec) {
        List<TrialSpec> trials = new SweepPlanner(spec, BASE).trials();
        List<String> out = new ArrayList<>();
        Map<String, List<TrialSpec>> groups = new LinkedHashMap<>();
        for (TrialSpec t : trials) {
            out.add(line(t));
            groups.computeIfAbsent(t.configName() + "#" + t.fold(), k -> new ArrayList<>()).add(t);
        }
        if (spec.fma()) {
            groups.values().forEach(members -> out.add(line(SweepPlanner.average(members))));
        }
        return out;
    }

    private static String line(TrialSpec t) {
        return String.join(" ", t.kind() == TrialKind.TRAIN ? "train" : "average", t.configName(),
                String.valueOf(t.seed()), String.valueOf(t.fold()), t.trialId(), t.planId(), t.config().output());
    }
}
