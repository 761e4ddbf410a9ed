package dev.sweep.coordinator.report.stats;

/**
 * An averaged model (FMA) against the k seed models it averages: one value against k. The
 * one-sample t-test of the members' values against the averaged model's value, with d_i = the
 * averaged model's improvement over member i: t = mean(d) / (sd(d) / sqrt(k)), df = k - 1. It
 * asks whether the averaged model scores apart from its members' mean, taking the members'
 * spread as the noise. Below 3 members there is no test (one degree of freedom cannot estimate
 * the spread it divides by, and a near-powerless test would only dilute the Holm family); the
 * averaged model's place among its members is said in words instead, always.
 */
public final class OneSampleTTest {
    public static final String METHOD = "one-sample t-test of the members against the averaged model";
    public static final int MIN_MEMBERS = 3;

    private OneSampleTTest() {}

    /**
     * @param improvements per member, the averaged model's value minus the member's, positive = better
     * @param scale the largest magnitude among the values
     */
    public static Comparison of(String against, double[] improvements, double scale) {
        int k = improvements.length;
        String place = place(improvements, scale);
        if (k > 0 && k < MIN_MEMBERS) {
            double mean = java.util.Arrays.stream(improvements).average().orElse(Double.NaN);
            return new Comparison(against, METHOD, "member", k, java.util.Arrays.stream(improvements).boxed().toList(),
                    mean, Double.NaN, Double.NaN, k - 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    null, null, k + " member" + (k == 1 ? "" : "s") + ": too few for a test (" + MIN_MEMBERS + " needed)",
                    place, Verdict.NO_TEST);
        }
        Comparison c = TStatistic.of(METHOD, "member", k, improvements, k == 0 ? Double.NaN : 1.0 / k, scale, false,
                place);
        return c.against(against);
    }

    /** Where the averaged model lies among its members, in words: "better than 2 of 3 members". */
    static String place(double[] improvements, double scale) {
        double tolerance = TStatistic.TIE_TOLERANCE * Math.max(scale, Double.MIN_NORMAL);
        int k = improvements.length;
        long better = java.util.Arrays.stream(improvements).filter(d -> d > tolerance).count();
        long worse = java.util.Arrays.stream(improvements).filter(d -> d < -tolerance).count();
        if (k == 0) {
            return null;
        }
        if (better == k) {
            return "better than all " + k + " members";
        }
        if (worse == k) {
            return "worse than all " + k + " members";
        }
        if (better + worse == 0) {
            return "equal to all " + k + " members";
        }
        return "better than " + better + ", worse than " + worse + (better + worse < k ? ", equal to "
                + (k - better - worse) : "") + " of " + k + " members";
    }
}
