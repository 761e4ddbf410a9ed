package dev.sweep.coordinator.report.stats;

import static dev.sweep.common.trial.Checks.require;

/**
 * An ordinary least-squares fit of y = X b with the usual inference: the residual variance
 * s^2 = RSS / (n - p), each coefficient's standard error s sqrt((X'X)^-1_jj), its t and two-sided
 * p with n - p degrees of freedom. Solved through the normal equations, which is accurate for the
 * small, well-conditioned designs the report fits (a two-level factorial coded -1/+1 has X'X
 * diagonal when balanced and close to it when a few trials are missing).
 */
public final class LeastSquares {
    /** Relative to the values' size, a spread or a coefficient below this is round-off, not a figure. */
    static final double ROUND_OFF = 1e-12;
    private final double[] coefficients;
    private final double[] standardErrors;
    private final int df;
    private final double residualSd;

    private LeastSquares(double[] coefficients, double[] standardErrors, int df, double residualSd) {
        this.coefficients = coefficients;
        this.standardErrors = standardErrors;
        this.df = df;
        this.residualSd = residualSd;
    }

    /**
     * @param x one row per observation, one column per coefficient (the intercept a column of 1s)
     * @param y one value per observation
     */
    public static LeastSquares fit(double[][] x, double[] y) {
        int n = x.length;
        require(n == y.length, "least squares needs one value per row, but got " + n + " rows and " + y.length
                + " values");
        require(n > 0, "least squares needs observations");
        int p = x[0].length;
        require(n > p, "least squares with " + p + " coefficients needs more than " + p + " observations to estimate "
                + "the residual variance, but got " + n);
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        for (int r = 0; r < n; r++) {
            require(x[r].length == p, "least squares: row " + r + " has " + x[r].length + " columns, row 0 has " + p);
            for (int i = 0; i < p; i++) {
                xty[i] += x[r][i] * y[r];
                for (int j = 0; j < p; j++) {
                    xtx[i][j] += x[r][i] * x[r][j];
                }
            }
        }
        double[][] inverse = invert(xtx);
        double[] b = new double[p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                b[i] += inverse[i][j] * xty[j];
            }
        }
        double rss = 0;
        for (int r = 0; r < n; r++) {
            double fitted = 0;
            for (int i = 0; i < p; i++) {
                fitted += x[r][i] * b[i];
            }
            rss += (y[r] - fitted) * (y[r] - fitted);
        }
        int df = n - p;
        double s2 = rss / df;
        // values on the model exactly (identical seeds, say) leave a residual of round-off: a t on it would
        // be noise over noise, 1e16 and a p of 0 for a coefficient of 1e-17; call it no residual, and such
        // coefficients zero
        double roundOff = ROUND_OFF * java.util.Arrays.stream(y).map(Math::abs).max().orElse(0);
        if (Math.sqrt(s2) <= roundOff) {
            s2 = 0;
            for (int i = 0; i < p; i++) {
                b[i] = Math.abs(b[i]) <= roundOff ? 0 : b[i];
            }
        }
        double[] se = new double[p];
        for (int i = 0; i < p; i++) {
            se[i] = Math.sqrt(s2 * inverse[i][i]);
        }
        return new LeastSquares(b, se, df, Math.sqrt(s2));
    }

    /** Gauss-Jordan elimination with partial pivoting; a design whose columns are dependent is refused. */
    private static double[][] invert(double[][] m) {
        int p = m.length;
        double[][] a = new double[p][2 * p];
        double scale = 0;
        for (int i = 0; i < p; i++) {
            System.arraycopy(m[i], 0, a[i], 0, p);
            a[i][p + i] = 1;
            scale = Math.max(scale, Math.abs(m[i][i]));
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            require(Math.abs(a[pivot][col]) > 1e-10 * scale, "least squares: the design's columns are linearly "
                    + "dependent (column " + col + " is a combination of the others), so its coefficients are not "
                    + "determined");
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            double d = a[col][col];
            for (int j = 0; j < 2 * p; j++) {
                a[col][j] /= d;
            }
            for (int r = 0; r < p; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int j = 0; j < 2 * p; j++) {
                        a[r][j] -= f * a[col][j];
                    }
                }
            }
        }
        double[][] out = new double[p][p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(a[i], p, out[i], 0, p);
        }
        return out;
    }

    public double coefficient(int j) {
        return coefficients[j];
    }

    public double standardError(int j) {
        return standardErrors[j];
    }

    /** Residual degrees of freedom, n - p. */
    public int df() {
        return df;
    }

    /** The residual standard deviation s. */
    public double residualSd() {
        return residualSd;
    }

    /**
     * The coefficient's t. A fit without residual spread (every value on the model exactly) gives a
     * zero standard error: then a non-zero coefficient is certain (t infinite) and a zero one is no
     * evidence (t 0), rather than 0 / 0.
     */
    public double t(int j) {
        if (standardErrors[j] == 0) {
            return coefficients[j] == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, coefficients[j]);
        }
        return coefficients[j] / standardErrors[j];
    }

    /** Two-sided p of the coefficient's t against 0, df = n - p. */
    public double p(int j) {
        return StudentT.twoSidedP(t(j), df);
    }

    /** The two-sided t quantile for a confidence interval at {@code confidence}, df = n - p. */
    public double quantile(double confidence) {
        require(confidence > 0 && confidence < 1, "a confidence must lie in (0, 1), but got " + confidence);
        return StudentT.quantile(1 - (1 - confidence) / 2, df);
    }
}
