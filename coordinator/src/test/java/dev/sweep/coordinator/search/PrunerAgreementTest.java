package dev.sweep.coordinator.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
 * print(run(optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=4, min_early_stopping_rate=0)))
 * </pre>
 */
class PrunerAgreementTest {
    static double curve(int i, int t) {
        double a = 0.2 + 0.3 * ((i * 7) % 11) / 10.0;
        double b = 0.5 + ((i * 5) % 13) / 10.0;
        double c = 1.5 + (i * 3) % 7;
        return a + b * Math.exp(-t / c) + 0.01 * Math.sin(1.7 * i + 0.9 * t);
    }

    /** The step each trial was stopped at under {@code pruner}, 0 for those that completed. */
    static int[] run(Pruner pruner) {
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
                    SearchTrial reported = trials.get(i).report(t, curve(i, t));
                    trials.set(i, reported);
                    if (pruner.decide(reported, trials).isStop()) {
                        trials.set(i, reported.pruned());
                        alive.remove(Integer.valueOf(i));
                        stopped[i] = t;
                    }
                }
            }
            for (int i : alive) {
                trials.set(i, trials.get(i).completed(curve(i, 20)));
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

    // EXPECTED VALUES GO HERE
}
