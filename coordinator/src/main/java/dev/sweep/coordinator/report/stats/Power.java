package dev.sweep.coordinator.report.stats;

import static dev.sweep.common.trial.Checks.require;

/**
 * Power and sample size of a two-sided t-test, exactly, from the noncentral t distribution (no
 * normal approximation: at 2 or 3 seeds the approximation is far off). A test whose statistic is
 * mean / (sd * sqrt(factor)) with df degrees of freedom has, when the true mean is mu and the
 * spread sd, noncentrality delta = mu / (sd * sqrt(factor)), and
 *
 * <pre>power = P(T' > t_{1-alpha/2, df}) + P(T' < -t_{1-alpha/2, df}),  T' ~ t'(df, delta).</pre>
 */
public final class Power {
    /** The power a sweep is planned for, by convention. */
    public static final double TARGET = 0.8;
    /** Two-sided significance level of each comparison. */
    public static final double ALPHA = 0.05;
    /** Beyond this many seeds a sweep is not a plan any more; the report says "more than". */
    public static final int MAX_UNITS = 100_000;

    private Power() {}

    /** The power of the two-sided test at level alpha for noncentrality delta. */
    public static double power(double delta, double df, double alpha) {
        return powerBeyond(StudentT.quantile(1 - alpha / 2, df), delta, df);
    }

    /** P(|T'| > critical) for T' noncentral t with df and delta. */
    private static double powerBeyond(double critical, double delta, double df) {
        return NoncentralT.sf(critical, df, Math.abs(delta)) + NoncentralT.cdf(-critical, df, Math.abs(delta));
    }

    /**
     * The noncentrality at which the test has the given power: the exact solution of
     * power(delta) = target, by bisection (power rises with delta).
     */
    public static double noncentralityFor(double target, double df, double alpha) {
        require(target > alpha && target < 1, "target power must lie in (alpha, 1), but got " + target);
        double critical = StudentT.quantile(1 - alpha / 2, df);
        double hi = 1;
        while (powerBeyond(critical, hi, df) < target) {
            hi *= 2;
        }
        double lo = 0;
        for (int i = 0; i < 60 && hi - lo > 1e-10 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (powerBeyond(critical, mid, df) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * The minimum detectable effect: the smallest true mean difference this test detects with
     * power {@link #TARGET} at {@link #ALPHA}, given the observed sd, the statistic's variance
     * factor (1/n for a paired t-test) and its df.
     */
    public static double minimumDetectableEffect(double sd, double varianceFactor, double df) {
        return noncentralityFor(TARGET, df, ALPHA) * sd * Math.sqrt(varianceFactor);
    }

    /**
     * The smallest number n >= 2 of pairs with which a paired t-test (df n - 1, noncentrality
     * |mean| sqrt(n) / sd) reaches power {@link #TARGET} at {@link #ALPHA}; -1 when not even
     * {@link #MAX_UNITS} would (or mean is 0: nothing to detect). Power rises with n, so a
     * doubling search then bisection finds it.
     */
    public static int pairsNeeded(double mean, double sd) {
        return pairsNeeded(mean, sd, ALPHA);
    }

    /** As {@link #pairsNeeded(double, double)} at two-sided level {@code alpha}. */
    public static int pairsNeeded(double mean, double sd, double alpha) {
        require(sd > 0, "pairs needed: sd must be > 0, but got " + sd);
        require(alpha > 0 && alpha < 1, "alpha must lie in (0, 1), but got " + alpha);
        double effect = Math.abs(mean) / sd;
        if (effect == 0) {
            return -1;
        }
        if (reaches(effect, 2, alpha)) {
            return 2;
        }
        int lo = 2;
        int hi = 4;
        while (!reaches(effect, hi, alpha)) {
            if (hi >= MAX_UNITS) {
                return -1;
            }
            lo = hi;
            hi = Math.min(hi * 2, MAX_UNITS);
        }
        while (hi - lo > 1) { // invariant: lo does not reach, hi does
            int mid = (lo + hi) >>> 1;
            if (reaches(effect, mid, alpha)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static boolean reaches(double effect, int n, double alpha) {
        return power(effect * Math.sqrt(n), n - 1, alpha) >= TARGET;
    }
}
