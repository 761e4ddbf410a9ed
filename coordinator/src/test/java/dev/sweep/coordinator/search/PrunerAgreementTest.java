package dev.sweep.coordinator.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Our pruners against Optuna 3.1's on 30 simulated learning curves, 20 steps each,
 * v_i(t) = a_i + b_i exp(-t / c_i) + 0.01 sin(1.7 i + 0.9 t), run in six groups of five trials
 * that report step by step in turn (trial 5g, 5g+1, ... at step 1, then step 2, ...), a pruner
 * decision after every report; a group's survivors complete with their step-20 value before the
 * next group starts. Each expected array gives, per trial, the step Optuna pruned it at (0: it
 * completed). Produced with /usr/bin/python3 (Debian python3-optuna 3.1):
 *
 * <pre>
 * import math, optuna
 * def curve(i, t):
 *     a = 0.2 + 0.3 * ((i * 7) % 11) / 10
 *     b = 0.5 + ((i * 5) % 13) / 10
 *     c = 1.5 + (i * 3) % 7
 *     return a + b * math.exp(-t / c) + 0.01 * math.sin(1.7 * i + 0.9 * t)
 * def run(pruner):
 *     study = optuna.create_study(direction="minimize", pruner=pruner, sampler=optuna.samplers.RandomSampler(0))
 *     stopped = [0] * 30
 *     for g in range(6):
 *         alive = [study.ask() for _ in range(5)]
 *         for t in range(1, 21):
 *             for tr in list(alive):
 *                 tr.report(curve(tr.number, t), t)
 *                 if tr.should_prune():
 *                     study.tell(tr, state=optuna.trial.TrialState.PRUNED); alive.remove(tr); stopped[tr.number] = t
 *         for tr in alive:
 *             study.tell(tr, curve(tr.number, 20))
 *     return stopped
 * P = optuna.pruners
 * print(run(P.SuccessiveHalvingPruner(min_resource=1, reduction_factor=4, min_early_stopping_rate=0)))
 * print(run(P.SuccessiveHalvingPruner(min_resource=2, reduction_factor=3, min_early_stopping_rate=1)))
 * print(run(P.SuccessiveHalvingPruner(min_resource=1, reduction_factor=2, min_early_stopping_rate=0)))
 * print(run(P.MedianPruner()))
 * print(run(P.MedianPruner(n_startup_trials=5, n_warmup_steps=3, interval_steps=2)))
 * </pre>
 */
class PrunerAgreementTest {
    static double curve(int i, int t) {
        double a = 0.2 + 0.3 * ((i * 7) % 11) / 10.0;
        double b = 0.5 + ((i * 5) % 13) / 10.0;
        double c = 1.5 + (i * 3) % 7;
        return a + b * Math.exp(-t / c) + 0.01 * Math.sin(1.7 * i + 0.9 * t);
    }

    static int[] run(Pruner pruner) {
        return run(pruner, 1);
    }

    /** The step each trial was stopped at under {@code pruner}, 0 for those that completed; the curves times {@code sign}. */
    static int[] run(Pruner pruner, double sign) {
        List<SearchTrial> trials = new ArrayList<>();
        int[] stopped = new int[30];
        for (int g = 0; g < 6; g++) {
            List<Integer> alive = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                alive.add(trials.size());
                trials.add(SearchTrial.running(trials.size(), Map.of()));
            }
            for (int t = 1; t <= 20; t++) {
                for (int i : List.copyOf(alive)) {
                    SearchTrial reported = trials.get(i).report(t, sign * curve(i, t));
                    trials.set(i, reported);
                    if (pruner.decide(reported, trials).isStop()) {
                        trials.set(i, reported.pruned());
                        alive.remove(Integer.valueOf(i));
                        stopped[i] = t;
                    }
                }
            }
            for (int i : alive) {
                trials.set(i, trials.get(i).completed(sign * curve(i, 20)));
            }
        }
        return stopped;
    }

    static int agreements(int[] expected, int[] actual) {
        int n = 0;
        for (int i = 0; i < expected.length; i++) {
            n += expected[i] == actual[i] ? 1 : 0;
        }
        return n;
    }

    private static void check(int[] optuna, Supplier<Pruner> ours) {
        assertArrayEquals(optuna, run(ours.get()));
    }

    /** Optuna: SuccessiveHalvingPruner(min_resource=1, reduction_factor=4, min_early_stopping_rate=0); rungs at 1, 4, 16. */
    static final int[] OPTUNA_ASHA_1_4_0 = {0, 1, 1, 1, 1, 1, 1, 1, 4, 1, 1, 4, 1, 4, 1, 1, 4, 1, 1, 4, 1, 4, 1, 1, 1, 1, 4, 1, 1, 1};
    /** Optuna: SuccessiveHalvingPruner(min_resource=2, reduction_factor=3, min_early_stopping_rate=1); rungs at 6, 18. */
    static final int[] OPTUNA_ASHA_2_3_1 = {0, 6, 6, 6, 6, 18, 6, 18, 18, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 18, 6, 18, 6, 6, 18, 6, 18, 6, 6, 6};
    /** Optuna: SuccessiveHalvingPruner(min_resource=1, reduction_factor=2, min_early_stopping_rate=0); rungs at 1, 2, 4, 8, 16. */
    static final int[] OPTUNA_ASHA_1_2_0 = {0, 1, 1, 2, 1, 1, 2, 4, 4, 1, 1, 2, 1, 4, 2, 1, 2, 1, 1, 8, 1, 8, 2, 1, 2, 1, 4, 2, 1, 2};
    /** Optuna: MedianPruner() (n_startup_trials=5, n_warmup_steps=0, interval_steps=1). */
    static final int[] OPTUNA_MEDIAN = {0, 0, 0, 0, 0, 1, 2, 0, 0, 1, 1, 0, 1, 0, 11, 1, 3, 1, 1, 0, 1, 0, 1, 1, 0, 1, 8, 1, 1, 1};
    /** Optuna: MedianPruner(n_startup_trials=5, n_warmup_steps=3, interval_steps=2). */
    static final int[] OPTUNA_MEDIAN_5_3_2 = {0, 0, 0, 0, 0, 0, 3, 0, 0, 3, 3, 0, 3, 0, 7, 3, 5, 3, 3, 0, 3, 17, 3, 3, 0, 3, 9, 3, 3, 3};

    @Test
    void ashaWithOptunasDefaultReductionPrunesTheTrialsOptunaPrunesAtTheSameSteps() {
        check(OPTUNA_ASHA_1_4_0, () -> new AshaPruner(Direction.MINIMIZE, 1));
    }

    @Test
    void ashaWithAnEarlyStoppingRatePrunesTheTrialsOptunaPrunesAtTheSameSteps() {
        check(OPTUNA_ASHA_2_3_1, () -> new AshaPruner(Direction.MINIMIZE, 2, 3, 1));
    }

    @Test
    void ashaHalvingAtEveryDoublingPrunesTheTrialsOptunaPrunesAtTheSameSteps() {
        check(OPTUNA_ASHA_1_2_0, () -> new AshaPruner(Direction.MINIMIZE, 1, 2, 0));
    }

    @Test
    void theMedianPrunerWithOptunasDefaultsPrunesTheTrialsOptunaPrunesAtTheSameSteps() {
        check(OPTUNA_MEDIAN, () -> new MedianPruner(Direction.MINIMIZE));
    }

    @Test
    void theMedianPrunerWithWarmUpAndIntervalPrunesTheTrialsOptunaPrunesAtTheSameSteps() {
        check(OPTUNA_MEDIAN_5_3_2, () -> new MedianPruner(Direction.MINIMIZE, 5, 3, 2));
    }

    @Test
    void maximizingTheNegatedCurvesPrunesTheSameTrials() {
        assertArrayEquals(OPTUNA_ASHA_1_2_0, run(new AshaPruner(Direction.MAXIMIZE, 1, 2, 0), -1));
        assertArrayEquals(OPTUNA_MEDIAN, run(new MedianPruner(Direction.MAXIMIZE), -1));
    }

    @Test
    void aDecisionSaysWhy() {
        SearchTrial t = SearchTrial.running(0, Map.of()).report(1, 0.5);
        PruneDecision d = new AshaPruner(Direction.MINIMIZE, 2).decide(t, List.of(t));
        assertEquals(PruneDecision.Action.CONTINUE, d.action());
        assertEquals("evaluation 1 is before rung 0 at evaluation 2", d.reason());
    }

}
