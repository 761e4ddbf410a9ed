package dev.sweep.coordinator.report;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.report.stats.Comparison;
import dev.sweep.coordinator.report.stats.CorrectedResampledTTest;
import dev.sweep.coordinator.report.stats.OneSampleTTest;
import dev.sweep.coordinator.report.stats.PairedTTest;
import dev.sweep.coordinator.state.TrialView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Matches trials with the ones they are compared against and runs the test that fits the
 * design: the paired t-test over seeds on one split, the corrected resampled test over folds,
 * the one-sample test of an averaged model's members. The gain, its interval and its test all
 * come from the same matched sample: nothing unpaired enters a comparison.
 */
final class Comparing {
    private Comparing() {}

    /**
     * The design a comparison follows.
     *
     * @param folds K when the sweep has folds, else null
     */
    record Design(boolean higherIsBetter, Integer folds, Checkpoint select) {
        boolean hasFolds() {
            return folds != null;
        }
    }

    /** A trial and the one it is matched with, by seed and fold (an averaged model: by fold). */
    record Pair(Long seed, Integer fold, double value, double reference) {
        double improvement(boolean higherIsBetter) {
            return higherIsBetter ? value - reference : reference - value;
        }

        String label() {
            return seed == null ? (fold == null ? "fma" : "f" + fold) : "s" + seed + (fold == null ? "" : "/f" + fold);
        }
    }

    /**
     * A finished trial's value of a metric at the design's evaluation, or null without one. An
     * averaged model has a single evaluation (it does not train), so its best is its last.
     */
    static Double value(TrialView t, String metric, Checkpoint select) {
        TrialResult r = t.result();
        if (r == null) {
            return null;
        }
        Map<String, Double> m = select == Checkpoint.BEST || t.kind() == TrialKind.AVERAGE ? r.best() : r.last();
        return m.get(metric);
    }

    static boolean usable(Double v) {
        return v != null && Double.isFinite(v);
    }

    /** Finished trials whose value is NaN, infinite or missing: they enter no mean and no test. */
    static int unusable(List<TrialView> trials, String metric, Checkpoint select) {
        return (int) trials.stream().filter(t -> t.result() != null && !usable(value(t, metric, select))).count();
    }

    /**
     * @param bySeed match on seed and fold (training trials); false: on fold alone (averaged
     *     models, whose seed is only their first member's)
     */
    static List<Pair> match(List<TrialView> trials, List<TrialView> reference, String metric, Checkpoint select,
            boolean bySeed) {
        Map<String, Double> byKey = new LinkedHashMap<>();
        for (TrialView r : reference) {
            Double v = value(r, metric, select);
            if (usable(v)) {
                byKey.put(key(r, bySeed), v);
            }
        }
        List<Pair> out = new ArrayList<>();
        for (TrialView t : trials) {
            Double v = value(t, metric, select);
            Double b = byKey.get(key(t, bySeed));
            if (usable(v) && b != null) {
                out.add(new Pair(bySeed ? t.seed() : null, t.fold(), v, b));
            }
        }
        out.sort(java.util.Comparator.comparing((Pair p) -> p.fold() == null ? -1 : p.fold())
                .thenComparing(p -> p.seed() == null ? 0 : p.seed()));
        return out;
    }

    private static String key(TrialView t, boolean bySeed) {
        return (bySeed ? t.seed() : "") + "/" + t.fold();
    }

    /** The improvement the test sees: the mean over pairs, or with folds the mean of the folds' means. */
    static double improvement(List<Pair> pairs, Design design) {
        double[] units = units(pairs, design);
        return java.util.Arrays.stream(units).average().orElse(Double.NaN);
    }

    /** The test's units: one improvement per pair, or with folds per fold (the mean over its seeds). */
    static double[] units(List<Pair> pairs, Design design) {
        if (!design.hasFolds()) {
            return pairs.stream().mapToDouble(p -> p.improvement(design.higherIsBetter())).toArray();
        }
        Map<Integer, double[]> byFold = new TreeMap<>();
        for (Pair p : pairs) {
            double[] s = byFold.computeIfAbsent(p.fold() == null ? -1 : p.fold(), k -> new double[2]);
            s[0] += p.improvement(design.higherIsBetter());
            s[1]++;
        }
        return byFold.values().stream().mapToDouble(s -> s[0] / s[1]).toArray();
    }

    /** A label per unit of {@link #units}: s1, or f0 with folds. */
    static List<String> unitLabels(List<Pair> pairs, Design design) {
        if (!design.hasFolds()) {
            return pairs.stream().map(Pair::label).toList();
        }
        return pairs.stream().map(p -> "f" + p.fold()).distinct().toList();
    }

    /** The configuration against the reference, over the matched pairs. */
    static Comparison test(String against, List<Pair> pairs, Design design) {
        double scale = scale(pairs);
        double[] units = units(pairs, design);
        return design.hasFolds() ? CorrectedResampledTTest.of(against, units, pairs.size(), design.folds(), scale)
                : PairedTTest.of(against, units, scale);
    }

    /**
     * An averaged model against the members it averages. The members enter with their best
     * checkpoints whatever the table's evaluation: those are the weights that were averaged.
     */
    static Comparison members(List<TrialView> averages, Map<String, TrialView> byId, String metric, Design design) {
        List<double[]> perAverage = new ArrayList<>();
        double scale = 0;
        int members = 0;
        for (TrialView a : averages) {
            Double v = value(a, metric, Checkpoint.BEST);
            if (!usable(v)) {
                continue;
            }
            List<Double> d = new ArrayList<>();
            for (String id : a.members()) {
                TrialView m = byId.get(id);
                Double mv = m == null ? null : value(m, metric, Checkpoint.BEST);
                if (usable(mv)) {
                    d.add(design.higherIsBetter() ? v - mv : mv - v);
                    scale = Math.max(scale, Math.max(Math.abs(v), Math.abs(mv)));
                }
            }
            members += d.size();
            perAverage.add(d.stream().mapToDouble(Double::doubleValue).toArray());
        }
        if (!design.hasFolds()) {
            double[] d = perAverage.isEmpty() ? new double[0] : perAverage.get(0);
            return OneSampleTTest.of("its members", d, scale);
        }
        double[] foldMeans = perAverage.stream().filter(d -> d.length > 0)
                .mapToDouble(d -> java.util.Arrays.stream(d).average().getAsDouble()).toArray();
        return CorrectedResampledTTest.of("its members", foldMeans, members, design.folds(), scale);
    }

    private static double scale(List<Pair> pairs) {
        return pairs.stream().mapToDouble(p -> Math.max(Math.abs(p.value()), Math.abs(p.reference()))).max().orElse(0);
    }
}
