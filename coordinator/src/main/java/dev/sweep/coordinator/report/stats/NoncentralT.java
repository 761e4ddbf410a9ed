package dev.sweep.coordinator.report.stats;

import static dev.sweep.common.trial.Checks.require;

import java.util.function.DoubleUnaryOperator;

/**
 * The noncentral t distribution: T = (Z + delta) / sqrt(V / df) with Z standard normal and V
 * chi-squared with df degrees of freedom, the distribution of a t statistic when the true mean
 * difference is delta standard errors. Its CDF is the normal CDF averaged over the chi
 * distribution of W = sqrt(V):
 *
 * <pre>P(T <= t) = integral over w > 0 of Phi(t w / sqrt(df) - delta) f_chi(w; df) dw</pre>
 *
 * computed by adaptive Simpson quadrature. The integrand is smooth and bounded (the chi density
 * has no pole, unlike the chi-squared one at df = 1), so the quadrature reaches about 1e-12.
 */
public final class NoncentralT {
    private static final double TOLERANCE = 1e-13;
    private static final int PANELS = 24;

    private NoncentralT() {}

    /** P(T <= t). */
    public static double cdf(double t, double df, double delta) {
        require(df > 0, "the noncentral t needs df > 0, but got " + df);
        double mode = Math.sqrt(Math.max(df - 1, 0));
        // the chi distribution's spread is under 1/sqrt(2) for every df: +-14 covers all but ~1e-40
        double lo = Math.max(0, mode - 14);
        double hi = mode + 14;
        double scale = t / Math.sqrt(df);
        DoubleUnaryOperator density = chiDensity(df);
        DoubleUnaryOperator f = w -> {
            double d = density.applyAsDouble(w);
            return d == 0 ? 0 : Normal.cdf(scale * w - delta) * d;
        };
        double sum = 0;
        double width = (hi - lo) / PANELS;
        for (int i = 0; i < PANELS; i++) {
            double a = lo + i * width;
            double b = a + width;
            double fa = f.applyAsDouble(a);
            double fb = f.applyAsDouble(b);
            double m = (a + b) / 2;
            double fm = f.applyAsDouble(m);
            sum += simpson(f, a, b, fa, fm, fb, simpsonRule(a, b, fa, fm, fb), TOLERANCE / PANELS, 30);
        }
        return Math.min(1, Math.max(0, sum));
    }

    /**
     * The chi density f(w) = w^(df-1) e^(-w^2/2) / (2^(df/2-1) Gamma(df/2)), its logarithm taken
     * about the mode m = sqrt(df - 1): with w = m + u, (df-1) ln w - w^2/2 = g(m) + m^2 log1p(u/m)
     * - m u - u^2/2. Taken directly, at df = 10^5 the log is a difference of terms near 5e5 whose
     * round-off (1e-10) makes the integrand noisy and the quadrature chase that noise.
     */
    private static DoubleUnaryOperator chiDensity(double df) {
        double logNorm = (df / 2 - 1) * Math.log(2) + SpecialFunctions.logGamma(df / 2);
        if (df <= 2) {
            return w -> w <= 0 ? (df == 1 ? Math.exp(-logNorm) : 0)
                    : Math.exp((df - 1) * Math.log(w) - w * w / 2 - logNorm);
        }
        double m = Math.sqrt(df - 1);
        double atMode = (df - 1) * Math.log(m) - (df - 1) / 2 - logNorm;
        return w -> {
            if (w <= 0) {
                return 0;
            }
            double u = w - m;
            return Math.exp(atMode + (m * m * Math.log1p(u / m) - m * u) - u * u / 2);
        };
    }

    /** P(T > t). */
    public static double sf(double t, double df, double delta) {
        return cdf(-t, df, -delta); // -T is noncentral t with -delta: no cancellation in 1 - cdf
    }

    private static double simpsonRule(double a, double b, double fa, double fm, double fb) {
        return (b - a) / 6 * (fa + 4 * fm + fb);
    }

    private static double simpson(DoubleUnaryOperator f, double a, double b, double fa, double fm,
            double fb, double whole, double tolerance, int depth) {
        double m = (a + b) / 2;
        double lm = (a + m) / 2;
        double rm = (m + b) / 2;
        double flm = f.applyAsDouble(lm);
        double frm = f.applyAsDouble(rm);
        double left = simpsonRule(a, m, fa, flm, fm);
        double right = simpsonRule(m, b, fm, frm, fb);
        double error = left + right - whole;
        // the second bound stops where round-off, not the rule, limits what halving can gain
        if (depth <= 0 || Math.abs(error) <= 15 * tolerance || Math.abs(error) <= 1e-13 * Math.abs(left + right)) {
            return left + right + error / 15; // Richardson: the two halves' error is about a fifteenth
        }
        return simpson(f, a, m, fa, flm, fm, left, tolerance / 2, depth - 1)
                + simpson(f, m, b, fm, frm, fb, right, tolerance / 2, depth - 1);
    }
}
