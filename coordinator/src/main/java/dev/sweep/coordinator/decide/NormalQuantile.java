package dev.sweep.coordinator.decide;

import static dev.sweep.common.trial.Checks.require;

import dev.sweep.coordinator.report.stats.Normal;

/** The standard normal quantile, by bisection on {@link Normal#cdf} (monotone: no guess can lead it astray). */
final class NormalQuantile {
    private NormalQuantile() {}

    /** z with Phi(z) = p. */
    static double of(double p) {
        require(p > 0 && p < 1, "a quantile needs 0 < p < 1, but got " + p);
        if (p > 0.5) {
            return -of(1 - p); // search the lower tail, where Normal.cdf keeps its relative precision
        }
        double lo = -40;
        double hi = 0;
        for (int i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
            double mid = (lo + hi) / 2;
            if (Normal.cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** P(Z &gt; z), without the cancellation of 1 - Phi(z). */
    static double upperTail(double z) {
        return Normal.cdf(-z);
    }
}
