package dev.sweep.coordinator.report.stats;

import static dev.sweep.common.trial.Checks.require;

import java.util.List;

/**
 * One comparison of the primary metric, and what it found. Every difference is signed in the
 * metric's own direction: positive means better (higher accuracy, lower MCRMSE), so a sign
 * never needs the reader to remember which way the metric points.
 *
 * @param against what is compared against, e.g. {@code base}, {@code base+fma}, {@code members}
 * @param method the test, in words
 * @param unit what one of {@code differences} is: {@code pair}, {@code fold} (a fold's mean
 *     over its seeds) or {@code member}
 * @param pairs the matched observations behind the differences (pairs, or members)
 * @param differences one per unit, positive = better; the test, gain and interval use these
 *     and only these
 * @param improvement their mean
 * @param sd their sample standard deviation (NaN below 2)
 * @param df the test's degrees of freedom
 * @param p two-sided raw p-value; NaN when there is no test
 * @param holmP p adjusted by Holm's method over the report's family of comparisons (alone: p)
 * @param ciLow 95% confidence interval of the improvement
 * @param mde the minimum detectable effect: the smallest true improvement this test would find
 *     with 80% power at two-sided alpha 0.05 given the observed sd (exact, noncentral t)
 * @param pairsNeeded the smallest number of pairs with which a paired t-test would detect the
 *     observed improvement with 80% power at two-sided alpha 0.05; -1 when none would (no
 *     difference, or beyond {@link Power#MAX_UNITS}); null when not estimated (see {@code note})
 * @param pairsNeededInFamily the same at alpha 0.05 / m, m the tests Holm adjusts together: Holm
 *     rejects any p below that whatever the others, so it is the count that survives the
 *     correction for sure; null until adjusted, or when not estimated
 * @param noTest why there is no test, in words; null when tested
 * @param note what else a reader must know (why pairsNeeded is not estimated); null when nothing
 * @param verdict decided from holmP at alpha 0.05
 */
public record Comparison(String against, String method, String unit, int pairs, List<Double> differences,
        double improvement, double sd, double t, double df, double p, double holmP, double ciLow, double ciHigh,
        double mde, Integer pairsNeeded, Integer pairsNeededInFamily, String noTest, String note, Verdict verdict) {
    public Comparison {
        require(against != null && !against.isBlank(), "a comparison must name what it compares against");
        require(pairs >= 0, "pairs must be >= 0, but got " + pairs);
        differences = List.copyOf(differences);
        require(noTest == null || Double.isNaN(p), "a comparison with no test must have no p-value, but got p = " + p);
        require(noTest != null || !Double.isNaN(p), "a tested comparison needs a p-value; without one, say why in noTest");
        require(Double.isNaN(p) || holmP >= p - 1e-15,
                "a Holm-adjusted p is never below the raw p, but got " + holmP + " < " + p);
        require(verdict == Verdict.decide(noTest, holmP, improvement, Power.ALPHA),
                "the verdict must follow from holmP " + holmP + " and the improvement " + improvement + ", but got "
                        + verdict);
    }

    public boolean tested() {
        return noTest == null;
    }

    /**
     * The same comparison with its p adjusted within the report's family of {@code family} tests,
     * the verdict that follows, and the pairs needed at the family's strictest level.
     */
    public Comparison withHolm(double adjusted, int family) {
        require(tested(), "only a tested comparison has a p to adjust");
        require(family >= 1, "a family has at least the one test, but got " + family);
        Integer inFamily = pairsNeeded == null ? null : Power.pairsNeeded(improvement, sd, Power.ALPHA / family);
        return new Comparison(against, method, unit, pairs, differences, improvement, sd, t, df, p, adjusted, ciLow,
                ciHigh, mde, pairsNeeded, inFamily, noTest, note, Verdict.decide(null, adjusted, improvement,
                        Power.ALPHA));
    }

    /** The same comparison with what it compares against renamed (the tests name it generically). */
    public Comparison against(String name) {
        return new Comparison(name, method, unit, pairs, differences, improvement, sd, t, df, p, holmP, ciLow, ciHigh,
                mde, pairsNeeded, pairsNeededInFamily, noTest, note, verdict);
    }

    /** The same untested comparison with the reason it has no test said first (a NaN metric, a missing trial). */
    public Comparison because(String reason) {
        if (tested() || reason == null) {
            return this;
        }
        return new Comparison(against, method, unit, pairs, differences, improvement, sd, t, df, p, holmP, ciLow, ciHigh,
                mde, pairsNeeded, pairsNeededInFamily, reason + "; " + noTest, note, verdict);
    }

    /** The same untested comparison with its reason said in other words (the caller knows the design better). */
    public Comparison untested(String words) {
        require(!tested(), "a tested comparison has no reason to be untested");
        return new Comparison(against, method, unit, pairs, differences, improvement, sd, t, df, p, holmP, ciLow, ciHigh,
                mde, pairsNeeded, pairsNeededInFamily, words, note, verdict);
    }
}
