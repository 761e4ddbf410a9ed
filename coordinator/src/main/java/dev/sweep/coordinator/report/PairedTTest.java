package dev.sweep.coordinator.report;

/**
 * The paired t-test of a configuration against the baseline over matched seeds (and folds):
 * d_i = x_i - base_i, t = mean(d) / (sd(d) / sqrt(n)), two-sided p from Student's t with n - 1
 * degrees of freedom, and the 95% confidence interval of the mean difference. With fewer than
 * two pairs, or no spread in the differences, there is no test.
 */
public record PairedTTest(int pairs, double meanDifference, double t, double p, double ciLow, double ciHigh) {
    public static PairedTTest of(double[] x, double[] base) {
        if (x.length != base.length) {
            throw new IllegalArgumentException("paired samples need equal lengths, got " + x.length + " and " + base.length);
        }
        int n = x.length;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += (x[i] - base[i]) / n;
        }
        if (n < 2) {
            return new PairedTTest(n, n == 0 ? Double.NaN : mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - base[i] - mean;
            ss += d * d;
        }
        double se = Math.sqrt(ss / (n - 1) / n);
        if (se == 0) {
            return new PairedTTest(n, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN); // no spread, no test
        }
        double t = mean / se;
        int df = n - 1;
        double p = twoSidedP(t, df);
        double q = quantile(0.975, df);
        return new PairedTTest(n, mean, t, p, mean - q * se, mean + q * se);
    }

    public boolean tested() {
        return !Double.isNaN(p);
    }

    /** P(|T| >= |t|) for Student's t with df degrees of freedom: I_{df/(df+t^2)}(df/2, 1/2). */
    static double twoSidedP(double t, int df) {
        return regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
    }

    /** The p-quantile of Student's t, by bisection on the CDF (monotone; 200 halvings reach double precision). */
    static double quantile(double prob, int df) {
        double lo = 0;
        double hi = 1e6;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            double cdf = 1 - twoSidedP(mid, df) / 2;
            if (cdf < prob) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** I_x(a, b), the regularized incomplete beta function, by Lentz's continued fraction. */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - regularizedBeta(1 - x, b, a);
        }
        double tiny = 1e-300;
        double f = 1;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        f = d;
        for (int m = 1; m <= 500; m++) {
            double numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + numerator * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + numerator / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            f *= d * c;
            numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + numerator * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + numerator / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-15) {
                break;
            }
        }
        return Math.exp(lnFront) * f / a;
    }

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
}
