package dev.sweep.coordinator.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.coordinator.decide.ConfigurationDecisions;
import dev.sweep.coordinator.decide.Decision;
import dev.sweep.coordinator.decide.SeedStatus;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.state.SweepState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeds until decided through the strategy contract, on a log kept in memory: the seeds each
 * configuration gets follow its decision. The decisions' error rates are checked by simulation
 * in decide/SeedsUntilDecidedSimulationTest; here, only that the strategy gives seeds exactly
 * where they are undecided.
 */
class UntilDecidedStrategyTest {
    @TempDir
    Path dir;

    private static final String SPEC = """
            name: u
            task: {type: classification, train: d.csv, text: [text], targets: [label]}
            seeds: {min: 3, max: 6}
            decide: {min_effect: 0.01}
            tricks: {fgm: {epsilon: 1.0}, ema: {decay: 0.9}, rdrop: {alpha: 1.0}}
            """;

    /** Runs the sweep to its end with the accuracies {@code value(config, seed)}; returns the final state. */
    private SweepState run(SweepStrategy s, SimulatedLog log, ToDoubleBiFunction<String, Long> value) {
        for (int turn = 0; turn < 100 && !s.exhausted(log.replay()); turn++) {
            for (Proposed p : s.propose(log.replay(), 0)) {
                log.run(p, value.applyAsDouble(p.trial().configName(), p.trial().seed()));
            }
        }
        assertTrue(s.exhausted(log.replay()), "the sweep ends");
        return log.replay();
    }

    private static long seeds(SweepState state, String config) {
        return state.trials().stream().filter(t -> t.configName().equals(config)).count();
    }

    @Test
    void eachConfigurationGetsSeedsUntilItIsDecidedAndNoMore() throws Exception {
        SweepSpec spec = SimulatedLog.spec(dir, SPEC);
        SweepPlanner planner = new SweepPlanner(spec, dir);
        SweepStrategy s = Strategies.of(spec, planner);
        SimulatedLog log = new SimulatedLog("u", "accuracy", true);
        List<Proposed> first = s.propose(log.replay(), 0);
        assertEquals(4 * 3, first.size(), "the minimum 3 seeds of base and each trick first");
        assertEquals(List.of(1L, 2L, 3L), first.stream().filter(p -> p.trial().configName().equals("fgm"))
                .map(p -> p.trial().seed()).toList());
        // seed noise of +-0.002 around each configuration's mean: fgm clearly better, ema the same (within 0.01), rdrop
        // 0.01 better with noise that 6 seeds cannot resolve against the minimum effect
        Map<String, Double> mean = Map.of("base", 0.80, "fgm", 0.85, "ema", 0.80, "rdrop", 0.81);
        double[] noise = {0.002, -0.001, -0.002, 0.001, 0.0005, -0.0015};
        double[] wide = {0.03, -0.02, 0.01, -0.03, 0.025, -0.015};
        SweepState end = run(s, log, (c, seed) -> mean.get(c)
                + (c.equals("rdrop") ? wide : noise)[(int) (seed - 1)]);
        ConfigurationDecisions decisions = new ConfigurationDecisions(planner.reportPlan().decide(), "base",
                Objective.of(spec.task().type(), spec.report().select()));
        Map<String, SeedStatus> status = decisions.of(end);
        assertEquals(Decision.BETTER, status.get("fgm").decision().decision(), status.get("fgm").reason());
        assertEquals(3, seeds(end, "fgm"), "decided at the first look: no fourth seed");
        assertEquals(Decision.EQUIVALENT, status.get("ema").decision().decision(), status.get("ema").reason());
        assertEquals(Decision.OUT_OF_SEEDS, status.get("rdrop").decision().decision(), status.get("rdrop").reason());
        assertEquals(6, seeds(end, "rdrop"), "the undecided one ran to the maximum");
        assertEquals(6, seeds(end, "base"), "the reference runs every seed some configuration needs");
        assertTrue(status.values().stream().allMatch(SeedStatus::stopped));
        assertEquals(List.of(), s.propose(end, 0));
    }

    @Test
    void aConfigurationWaitsForItsSeedsAndTheReferencesBeforeItIsGivenAnother() throws Exception {
        SweepSpec spec = SimulatedLog.spec(dir, SPEC);
        SweepStrategy s = Strategies.of(spec, new SweepPlanner(spec, dir));
        SimulatedLog log = new SimulatedLog("u", "accuracy", true);
        List<Proposed> first = s.propose(log.replay(), 0);
        double[] wide = {0.03, -0.02, 0.01};
        for (Proposed p : first) {
            log.queue(p);
            if (!(p.trial().configName().equals("base") && p.trial().seed() == 3)) {
                log.start(p.trial());
                log.complete(p.trial(), 0.8 + wide[(int) (p.trial().seed() - 1)] * (p.trial().configName().equals("base") ? 0 : 1));
            }
        }
        assertEquals(List.of(), s.propose(log.replay(), 0), "base seed 3 still training: no one is decided yet");
        assertFalse(s.exhausted(log.replay()));
        log.start(first.stream().filter(p -> p.trial().configName().equals("base") && p.trial().seed() == 3).findFirst()
                .orElseThrow().trial());
        log.complete(first.stream().filter(p -> p.trial().configName().equals("base") && p.trial().seed() == 3)
                .findFirst().orElseThrow().trial(), 0.8);
        List<Proposed> more = s.propose(log.replay(), 0);
        assertEquals(java.util.Set.of("fgm", "ema", "rdrop", "base"), more.stream().map(p -> p.trial().configName())
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(4, more.size(), "one trial each");
        assertTrue(more.stream().allMatch(p -> p.trial().seed() == 4), "the next seed, once, for base too");
    }

    /**
     * With fma: each configuration's average comes once it has stopped, of exactly the seeds it
     * ran (three for the one decided at the first look, six for the one out of seeds), and the
     * reference's, of every seed it ran, only once every configuration has stopped; the sweep is
     * not over before the averages are in the log.
     */
    @Test
    void withFmaEachConfigurationAveragesTheSeedsItStoppedAtAndTheReferenceComesLast() throws Exception {
        SweepSpec spec = SimulatedLog.spec(dir, SPEC + "fma: true\n");
        SweepStrategy s = Strategies.of(spec, new SweepPlanner(spec, dir));
        SimulatedLog log = new SimulatedLog("u", "accuracy", true);
        Map<String, Double> mean = Map.of("base", 0.80, "fgm", 0.85, "ema", 0.80, "rdrop", 0.81);
        double[] noise = {0.002, -0.001, -0.002, 0.001, 0.0005, -0.0015};
        double[] wide = {0.03, -0.02, 0.01, -0.03, 0.025, -0.015};
        java.util.List<List<String>> turns = new java.util.ArrayList<>();
        for (int turn = 0; turn < 100 && !s.exhausted(log.replay()); turn++) {
            List<Proposed> out = s.propose(log.replay(), 0);
            turns.add(out.stream().map(p -> p.trial().configName()).toList());
            for (Proposed p : out) {
                String config = p.trial().configName().replace("+fma", "");
                log.run(p, mean.get(config) + (config.equals("rdrop") ? wide : noise)[(int) (p.trial().seed() - 1)]);
            }
        }
        SweepState end = log.replay();
        assertTrue(s.exhausted(end));
        Map<String, List<String>> members = new java.util.HashMap<>();
        end.trials().stream().filter(t -> t.configName().endsWith("+fma")).forEach(t -> members.put(t.configName(),
                t.members().stream().map(id -> end.trial(id).configName() + "-s" + end.trial(id).seed()).toList()));
        assertEquals(java.util.Set.of("fgm+fma", "ema+fma", "rdrop+fma", "base+fma"), members.keySet());
        assertEquals(List.of("fgm-s1", "fgm-s2", "fgm-s3"), members.get("fgm+fma"), "decided at 3 seeds: averages 3");
        assertEquals(6, members.get("rdrop+fma").size(), "out of seeds at 6: averages 6");
        assertEquals(6, members.get("base+fma").size(), "the reference averages every seed it ran");
        int fgmTurn = indexOf(turns, "fgm+fma");
        int lastTurn = Math.max(Math.max(indexOf(turns, "ema+fma"), fgmTurn), indexOf(turns, "rdrop+fma"));
        assertTrue(fgmTurn < indexOf(turns, "rdrop+fma"), "a decided configuration's average does not wait for others");
        assertEquals(lastTurn, indexOf(turns, "base+fma"), "the reference's average with the last configuration's");
        assertEquals(List.of(), s.propose(end, 0));
        assertEquals(end.trial(end.trials().stream().filter(t -> t.configName().equals("base+fma")).findFirst()
                .orElseThrow().trialId()).trialId(), s.trial(end.trials().stream()
                .filter(t -> t.configName().equals("base+fma")).findFirst().orElseThrow()).trialId(),
                "a restarted coordinator knows the average it finds in the log");
    }

    private static int indexOf(List<List<String>> turns, String config) {
        for (int i = 0; i < turns.size(); i++) {
            if (turns.get(i).contains(config)) {
                return i;
            }
        }
        throw new AssertionError(config + " was never proposed: " + turns);
    }

    @Test
    void aSeedPairHasTheSameTrialIdsAsThePlainAblationWithThatSeed() throws Exception {
        SweepSpec adaptive = SimulatedLog.spec(dir, SPEC);
        SweepSpec plain = SimulatedLog.spec(dir, SPEC.replace("seeds: {min: 3, max: 6}\ndecide: {min_effect: 0.01}\n",
                "seeds: [1, 2, 3]\nfma: false\n"));
        List<String> a = Strategies.of(adaptive, new SweepPlanner(adaptive, dir)).propose(new SweepState("u"), 0).stream()
                .map(p -> p.trial().trialId()).toList();
        List<String> b = new SweepPlanner(plain, dir).trials().stream().map(t -> t.trialId()).toList();
        assertEquals(b, a, "seed k of a configuration is the same trial whichever way it was asked for");
    }

    @Test
    void specsItCannotServeAreRefusedInOneLine() {
        String noDecide = assertThrows(RuntimeException.class, () -> SimulatedLog.spec(dir, SPEC.replace(
                "decide: {min_effect: 0.01}\n", ""))).getMessage();
        assertTrue(noDecide.contains("say how with decide: {min_effect: ...}"), noDecide);
        String fewSeeds = assertThrows(RuntimeException.class, () -> SimulatedLog.spec(dir, SPEC.replace("min: 3", "min: 2")))
                .getMessage();
        assertTrue(fewSeeds.contains("seeds.min must be at least 3 with decide:"), fewSeeds);
        String prune = assertThrows(RuntimeException.class, () -> SimulatedLog.spec(dir, SPEC + "prune: {method: asha}\n"))
                .getMessage();
        assertTrue(prune.contains("a pruned seed leaves its configuration without a pair"), prune);
        String effect = assertThrows(RuntimeException.class, () -> SimulatedLog.spec(dir, SPEC.replace("0.01}", "-1}")))
                .getMessage();
        assertTrue(effect.contains("decide.min_effect must be a difference > 0"), effect);
    }
}
