package dev.sweep.coordinator.report;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.report.Interactions.Effect;
import dev.sweep.coordinator.report.stats.HolmCorrection;
import dev.sweep.coordinator.report.stats.LeastSquares;
import dev.sweep.coordinator.state.TrialView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds a full two-level factorial over tricks among a sweep's trials and fits its main effects
 * and pairwise interactions ({@link Interactions}). A sweep is one when its training trials all
 * have the same settings keys, k >= 2 of them switches set "on" in some trials and "off" in the
 * others, every other setting the same in every trial, and every one of the 2^k combinations has
 * at least two seeds with a usable value. Anything else is not a factorial, and the report says
 * nothing about interactions: a partial design would confound them with the missing cells.
 */
final class Factorial {
    static final String ON = "on";
    static final String OFF = "off";
    /** Beyond this the design has more cells than any sweep of tricks plans; not worth a fit. */
    static final int MOST_TRICKS = 10;

    private Factorial() {}

    /** @return the fit, or null when the trials are not a full factorial */
    static Interactions of(Collection<TrialView> all, String metric, boolean higherIsBetter, Checkpoint select) {
        List<TrialView> trials = all.stream().filter(t -> t.kind() == TrialKind.TRAIN).toList();
        List<String> tricks = switches(trials);
        if (tricks == null || tricks.size() < 2 || tricks.size() > MOST_TRICKS) {
            return null;
        }
        int k = tricks.size();
        List<double[]> rows = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Map<Integer, Set<Long>> seedsByCell = new HashMap<>();
        for (TrialView t : trials) {
            Double v = Comparing.value(t, metric, select);
            if (!Comparing.usable(v)) {
                continue; // not finished, pruned, dead, or a NaN metric: no observation
            }
            double[] x = new double[k];
            int cell = 0;
            for (int i = 0; i < k; i++) {
                boolean on = t.settings().get(tricks.get(i)).equals(ON);
                x[i] = on ? 1 : -1;
                cell |= on ? 1 << i : 0;
            }
            seedsByCell.computeIfAbsent(cell, c -> new HashSet<>()).add(t.seed());
            rows.add(row(x));
            values.add(v);
        }
        int cells = 1 << k;
        for (int cell = 0; cell < cells; cell++) {
            if (seedsByCell.getOrDefault(cell, Set.of()).size() < 2) {
                return null;
            }
        }
        LeastSquares fit = LeastSquares.fit(rows.toArray(double[][]::new),
                values.stream().mapToDouble(Double::doubleValue).toArray());
        return effects(tricks, fit, rows.size(), higherIsBetter);
    }

    /**
     * The switches, in name order; null when some setting other than a switch varies or the
     * trials do not share their settings keys (then the trials are not one factorial).
     */
    private static List<String> switches(List<TrialView> trials) {
        if (trials.isEmpty()) {
            return null;
        }
        Set<String> keys = trials.get(0).settings().keySet();
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(keys)) {
            Set<String> seen = new HashSet<>();
            for (TrialView t : trials) {
                if (!t.settings().keySet().equals(keys)) {
                    return null;
                }
                seen.add(t.settings().get(key));
            }
            if (seen.equals(Set.of(ON, OFF))) {
                out.add(key);
            } else if (seen.size() > 1) {
                return null; // e.g. a learning rate varied too: a grid over more than switches
            }
        }
        return out;
    }

    /** 1, x_1..x_k, then x_i x_j for i < j in order: the model's columns. */
    private static double[] row(double[] x) {
        int k = x.length;
        double[] r = new double[1 + k + k * (k - 1) / 2];
        r[0] = 1;
        System.arraycopy(x, 0, r, 1, k);
        int c = 1 + k;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                r[c++] = x[i] * x[j];
            }
        }
        return r;
    }

    private static Interactions effects(List<String> tricks, LeastSquares fit, int n, boolean higherIsBetter) {
        int k = tricks.size();
        int effects = k + k * (k - 1) / 2;
        double[] p = new double[effects];
        for (int e = 0; e < effects; e++) {
            p[e] = fit.p(e + 1);
        }
        double[] holm = HolmCorrection.adjust(p);
        double sign = higherIsBetter ? 1 : -1;
        double q = fit.quantile(0.95);
        List<Effect> mains = new ArrayList<>();
        List<Interactions.Pair> pairs = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        int c = 1;
        for (int i = 0; i < k; i++, c++) {
            mains.add(effect(tricks.get(i), fit, c, sign, q, holm[c - 1]));
        }
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, c++) {
                Effect e = effect(tricks.get(i) + " x " + tricks.get(j), fit, c, sign, q, holm[c - 1]);
                Interactions.Pair pair = new Interactions.Pair(tricks.get(i), tricks.get(j), e, 2 * e.effect(),
                        2 * e.low(), 2 * e.high());
                pairs.add(pair);
                if (e.distinguishable()) {
                    findings.add(sentence(pair));
                }
            }
        }
        if (findings.isEmpty()) {
            findings.add("No pair of tricks interacts distinguishably (Holm over the model's " + effects
                    + " effects, alpha 0.05): at these seeds their gains are not told apart from adding up.");
        }
        return new Interactions(tricks, n, 1 << k, fit.df(), fit.residualSd(), mains, pairs, findings);
    }

    /** Twice the coefficient, signed + = better, with its t interval. */
    private static Effect effect(String name, LeastSquares fit, int column, double sign, double q, double holmP) {
        double effect = sign * 2 * fit.coefficient(column);
        double se = 2 * fit.standardError(column);
        return new Effect(name, effect, effect - q * se, effect + q * se, se, sign * fit.t(column), fit.p(column),
                holmP);
    }

    /** "rdrop and llrd together are 0.0120 worse than their separate gains add up to (...)." */
    static String sentence(Interactions.Pair pair) {
        Effect e = pair.effect();
        return pair.first() + " and " + pair.second() + " together are " + Format.better(pair.together()) + " than "
                + "their separate gains add up to (95% CI " + String.format(java.util.Locale.ROOT, "[%+.4f, %+.4f]",
                pair.togetherLow(), pair.togetherHigh()) + ", Holm p = " + Format.p(e.holmP()) + ").";
    }

    /** The method, in words, for the report's list of methods. */
    static String method(Interactions i, String metric) {
        int k = i.tricks().size();
        return "Trick interactions: the sweep is a full 2^" + k + " factorial over " + String.join(", ", i.tricks())
                + " (" + i.cells() + " combinations, " + i.trials() + " trials, each one observation). Linear model "
                + metric + " = b0 + sum b_i x_i + sum b_ij x_i x_j, x = -1 off / +1 on, by ordinary least squares; "
                + "three-way and higher interactions are left in the residual (df = " + i.df() + ", residual sd "
                + Format.value(i.residualSd()) + "). A main effect is 2 b_i, the gain of switching the trick on "
                + "averaged over the others; an interaction is 2 b_ij, and 4 b_ij is what the pair together does "
                + "beyond the sum of their separate gains; all + = better, 95% t intervals, p raw and Holm-adjusted "
                + "over the model's effects. The trials count as independent: with folds, the folds' shared splits "
                + "are not modelled.";
    }
}
