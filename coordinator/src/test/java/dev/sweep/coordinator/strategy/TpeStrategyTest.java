package dev.sweep.coordinator.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialView;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strategy tpe through its contract, on a log kept in memory (its sampler is checked against Optuna in search/). */
class TpeStrategyTest {
    @TempDir
    Path dir;

    private static final String SPEC = """
            name: t
            task: {type: regression, train: d.csv, text: [text], targets: [a]}
            strategy: tpe
            samples: 8
            sampler_seed: 5
            tpe: {n_startup_trials: 3}
            tricks: {llrd: {decay: 0.9}}
            space:
              training.lr: {min: 1.0e-5, max: 1.0e-3, log: true}
              tricks.llrd: [false, true]
              tricks.llrd.decay: {min: 0.6, max: 0.95}
            """;

    private SweepStrategy strategy(SweepSpec spec) {
        return Strategies.of(spec, new SweepPlanner(spec, dir));
    }

    /** The objective of the simulated trials: MCRMSE, best near lr 1e-4. */
    private static double mcrmse(TrialSpec t) {
        double lr = t.config().training().lr();
        return 0.4 + Math.pow(Math.log10(lr) + 4, 2) * 0.1;
    }

    @Test
    void proposesAsManyAsThereIsRoomNumberedInOrderAndNeverTheSameNumberTwice() throws Exception {
        SweepSpec spec = SimulatedLog.spec(dir, SPEC);
        SweepStrategy tpe = strategy(spec);
        SimulatedLog log = new SimulatedLog("t", "mcrmse", false);
        assertEquals(List.of(), tpe.propose(log.replay(), 0), "no free worker: nothing proposed");
        List<Proposed> two = tpe.propose(log.replay(), 2);
        assertEquals(List.of(0, 1), two.stream().map(p -> p.proposal().number()).toList());
        assertNotEquals(two.get(0).trial().trialId(), two.get(1).trial().trialId());
        assertTrue(two.get(0).trial().configName().startsWith("#0 "), two.get(0).trial().configName());
        two.forEach(log::queue);
        List<Proposed> next = tpe.propose(log.replay(), 1);
        assertEquals(1, next.size());
        assertEquals(2, next.get(0).proposal().number(), "numbering goes on after the last logged proposal");
        Set<Integer> numbers = new HashSet<>();
        int count = 0;
        while (!tpe.exhausted(log.replay())) {
            for (Proposed p : tpe.propose(log.replay(), 3)) {
                assertTrue(numbers.add(p.proposal().number()), "number " + p.proposal().number() + " proposed twice");
                log.run(p, mcrmse(p.trial()));
                count++;
            }
            assertTrue(count <= 8, "no more than samples proposals");
        }
        assertEquals(List.of(), tpe.propose(log.replay(), 5), "exhausted: nothing more");
    }

    @Test
    void aRestartedStrategyRebuildsEveryLoggedTrialAndProposesWhatTheFirstWould() throws Exception {
        SweepSpec spec = SimulatedLog.spec(dir, SPEC);
        SimulatedLog log = new SimulatedLog("t", "mcrmse", false);
        SweepStrategy first = strategy(spec);
        for (int i = 0; i < 5; i++) {
            Proposed p = first.propose(log.replay(), 1).get(0);
            log.run(p, mcrmse(p.trial()));
        }
        SweepState replayed = log.replay();
        SweepStrategy second = strategy(spec); // a new process: nothing but the log
        for (TrialView v : replayed.trials()) {
            TrialSpec rebuilt = second.trial(v);
            assertNotNull(rebuilt, v.trialId());
            assertEquals(v.trialId(), rebuilt.trialId(), "the same id from the logged parameters");
        }
        Proposed a = first.propose(replayed, 1).get(0);
        Proposed b = second.propose(log.replay(), 1).get(0);
        assertEquals(a.proposal(), b.proposal(), "the proposal is a function of the log alone");
        assertEquals(a.trial().trialId(), b.trial().trialId());
    }

    @Test
    void aTricksParameterIsSampledOnlyWhenTheTrickIsOn() throws Exception {
        SweepSpec spec = SimulatedLog.spec(dir, SPEC);
        SweepStrategy tpe = strategy(spec);
        SimulatedLog log = new SimulatedLog("t", "mcrmse", false);
        boolean sawOn = false;
        boolean sawOff = false;
        while (!tpe.exhausted(log.replay())) {
            Proposed p = tpe.propose(log.replay(), 1).get(0);
            Map<String, Object> params = p.proposal().params();
            boolean on = Boolean.TRUE.equals(params.get("tricks.llrd"));
            assertEquals(on, params.containsKey("tricks.llrd.decay"), "decay only with llrd on: " + params);
            assertEquals(on, p.trial().config().tricks().containsKey("llrd"), "the trial trains what was proposed");
            if (on) {
                assertEquals(params.get("tricks.llrd.decay"), p.trial().config().tricks().get("llrd").get("decay"));
            }
            sawOn |= on;
            sawOff |= !on;
            log.run(p, mcrmse(p.trial()));
        }
        assertTrue(sawOn && sawOff, "both branches proposed in 8 trials");
    }

    @Test
    void afterTheStartupTrialsItProposesNearTheBestSoFar() throws Exception {
        // one parameter, a clear optimum: with 3 random starts then TPE, the proposals move towards lr = 1e-4
        SweepSpec spec = SimulatedLog.spec(dir, """
                name: t
                task: {type: regression, train: d.csv, text: [text], targets: [a]}
                strategy: tpe
                samples: 30
                sampler_seed: 1
                tpe: {n_startup_trials: 5}
                space:
                  training.lr: {min: 1.0e-6, max: 1.0e-2, log: true}
                """);
        SweepStrategy tpe = strategy(spec);
        SimulatedLog log = new SimulatedLog("t", "mcrmse", false);
        double startup = 0;
        double late = 0;
        for (int i = 0; i < 30; i++) {
            Proposed p = tpe.propose(log.replay(), 1).get(0);
            double d = Math.abs(Math.log10(p.trial().config().training().lr()) + 4);
            if (i < 5) {
                startup += d / 5;
            } else if (i >= 20) {
                late += d / 10;
            }
            log.run(p, mcrmse(p.trial()));
        }
        // uniform in log10 over [-6, -2] puts the mean distance from -4 at 1; TPE's late ones are far closer
        assertTrue(late < 0.5 && late < startup, "late proposals " + late + " decades from the optimum, startup " + startup);
    }

    @Test
    void specsItCannotServeAreRefusedInOneLine() {
        RuntimeException seeds = assertThrows(RuntimeException.class, () -> SimulatedLog.spec(dir,
                SPEC + "seeds: [1, 2]\n"));
        assertTrue(seeds.getMessage().contains("strategy tpe runs each proposal once"), seeds.getMessage());
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class, () -> strategy(SimulatedLog.spec(dir,
                SPEC + "budget: {max_trials: 4}\n")));
        assertTrue(budget.getMessage().contains("samples is 8 but budget.max_trials is 4"), budget.getMessage());
        RuntimeException samples = assertThrows(RuntimeException.class, () -> SimulatedLog.spec(dir,
                SPEC.replace("samples: 8\n", "")));
        assertTrue(samples.getMessage().contains("samples must be >= 1 for strategy tpe"), samples.getMessage());
    }
}
