package dev.sweep.coordinator.report.stats;

/**
 * The special functions the distributions rest on: ln Gamma, the regularized incomplete beta
 * and gamma functions. Double precision to about 1e-14 over the ranges a report uses.
 */
final class SpecialFunctions {
    private static final double TINY = 1e-300;
    /** Relative precision to stop at: a few ulps, so a sum that has converged is not iterated further. */
    private static final double EPS = 1e-15;

    private SpecialFunctions() {}

    /** ln Gamma(x) by the Lanczos approximation (g = 7, n = 9), accurate to about 1e-15. */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** I_x(a, b), the regularized incomplete beta function, by Lentz's continued fraction. */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - regularizedBeta(1 - x, b, a); // the fraction converges fast only below the mean
        }
        double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < TINY ? TINY : d;
        d = 1 / d;
        double f = d;
        for (int m = 1; m <= 1000; m++) {
            double numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + numerator * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + numerator / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            f *= d * c;
            numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + numerator * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + numerator / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-15) {
                break;
            }
        }
        return Math.exp(lnFront) * f / a;
    }

    /**
     * Q(a, x) = Gamma(a, x) / Gamma(a), the regularized upper incomplete gamma function: the
     * series for P below x = a + 1, Lentz's continued fraction for Q above (each where it
     * converges fast), so a small tail keeps its relative precision.
     */
    static double regularizedGammaQ(double a, double x) {
        if (x <= 0) {
            return 1;
        }
        double lnFront = -x + a * Math.log(x) - logGamma(a);
        if (x < a + 1) {
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n <= 10_000; n++) {
                term *= x / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * EPS) {
                    break;
                }
            }
            return 1 - sum * Math.exp(lnFront);
        }
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i <= 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < TINY ? TINY : d;
            c = b + an / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        return Math.exp(lnFront) * h;
    }
}
