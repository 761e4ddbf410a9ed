package dev.sweep.coordinator.report.stats;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the t-tests share: given the differences (positive = better) and the variance factor of
 * their mean (1/n, or Nadeau and Bengio's 1/J + n_test/n_train), the statistic, its two-sided p,
 * the 95% interval and the minimum detectable effect; or, where there is nothing to test, why.
 */
final class TStatistic {
    /**
     * Differences closer than this, relative to the magnitude of the values they come from, are
     * equal: 0.96 - 0.9767 and 0.97 - 0.9867 differ in the 17th digit by round-off, and a test on
     * that "spread" would print p = 5e-30 for three identical differences.
     */
    static final double TIE_TOLERANCE = 1e-12;

    private TStatistic() {}

    /**
     * @param scale the largest magnitude among the values the differences come from
     * @param pairsNeeded whether to estimate the pairs a paired t-test would need
     * @param note said with the result (e.g. why the pairs needed are not estimated)
     */
    static Comparison of(String method, String unit, int pairs, double[] d, double varianceFactor, double scale,
            boolean pairsNeeded, String note) {
        int n = d.length;
        double mean = Arrays.stream(d).average().orElse(Double.NaN);
        if (n < 2) {
            String why = n == 0 ? "no matched " + unit + "s" : "1 " + unit + ": no test";
            return untested(method, unit, pairs, d, mean, why, note);
        }
        double tolerance = TIE_TOLERANCE * Math.max(scale, Double.MIN_NORMAL);
        double spread = Arrays.stream(d).max().getAsDouble() - Arrays.stream(d).min().getAsDouble();
        if (spread <= tolerance) {
            String what = Math.abs(mean) <= tolerance ? "all " + n + " " + unit + "s tie"
                    : "all " + n + " " + unit + "s differ by exactly " + number(Math.abs(mean))
                            + (mean > 0 ? " (better)" : " (worse)");
            return untested(method, unit, pairs, d, mean, what + ": no spread, no test", note);
        }
        double ss = 0;
        for (double v : d) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double se = sd * Math.sqrt(varianceFactor);
        double t = mean / se;
        int df = n - 1;
        double p = StudentT.twoSidedP(t, df);
        double q = StudentT.quantile(1 - Power.ALPHA / 2, df);
        double mde = Power.minimumDetectableEffect(sd, varianceFactor, df);
        Integer needed = pairsNeeded ? Power.pairsNeeded(mean, sd) : null;
        return new Comparison("reference", method, unit, pairs, toList(d), mean, sd, t, df, p, p, mean - q * se,
                mean + q * se, mde, needed, null, null, note, Verdict.decide(null, p, mean, Power.ALPHA));
    }

    private static Comparison untested(String method, String unit, int pairs, double[] d, double mean, String why,
            String note) {
        double sd = d.length < 2 ? Double.NaN : 0;
        return new Comparison("reference", method, unit, pairs, toList(d), mean, sd, Double.NaN, Math.max(0, d.length - 1),
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, null, why, note, Verdict.NO_TEST);
    }

    private static java.util.List<Double> toList(double[] d) {
        return Arrays.stream(d).boxed().toList();
    }

    /** A difference as the report prints it: four decimals, or three significant digits when smaller. */
    static String number(double v) {
        return Math.abs(v) >= 1e-3 || v == 0 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
