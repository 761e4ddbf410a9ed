package dev.sweep.coordinator.report.stats;

import static dev.sweep.common.trial.Checks.require;

/** Student's t distribution with {@code df} degrees of freedom (any real df > 0). */
public final class StudentT {
    private StudentT() {}

    /** P(|T| >= |t|) = I_{df/(df+t^2)}(df/2, 1/2). */
    public static double twoSidedP(double t, double df) {
        require(df > 0, "Student's t needs df > 0, but got " + df);
        if (Double.isInfinite(t)) {
            return 0;
        }
        return SpecialFunctions.regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
    }

    /** P(T <= t). */
    public static double cdf(double t, double df) {
        double tail = twoSidedP(t, df) / 2;
        return t < 0 ? tail : 1 - tail;
    }

    /**
     * The p-quantile, by bisection on the CDF: monotone, and 200 halvings of [-1e7, 1e7] reach
     * double precision, so no starting guess can send it astray.
     */
    public static double quantile(double p, double df) {
        require(p > 0 && p < 1, "a quantile needs 0 < p < 1, but got " + p);
        double lo = -1e7;
        double hi = 1e7;
        for (int i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
            double mid = (lo + hi) / 2;
            if (cdf(mid, df) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
