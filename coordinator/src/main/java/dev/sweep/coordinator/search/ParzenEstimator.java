package dev.sweep.coordinator.search;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Optuna 3.1's univariate Parzen estimator for one parameter: a weighted mixture with one
 * component per observation plus the prior. For numbers the components are normals truncated to
 * the range (in log space for log distributions; ints spread over [low - 0.5, high + 0.5] and, when
 * not log, scored by the mass of their unit cell), with the prior centred on the range and as wide
 * as it, and each observation's bandwidth the larger gap to its sorted neighbours (the range's ends
 * and the prior count as neighbours), clipped to [range / min(100, 1 + components), range].
 * For categoricals each observation is a row of smoothed counts: prior_weight / (n + 1) on every
 * choice and 1 more on the observed one, normalised; the prior's row is uniform.
 *
 * <p>Values in and out are on {@link Distribution#toInternal}'s scale (a float, an int, a choice's index).
 */
public final class ParzenEstimator {
    private static final double EPS = 1e-12;
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private final Distribution distribution;
    private final double[] weights;
    private final double low;
    private final double high;
    private final boolean discrete;
    private final double[] mus;
    private final double[] sigmas;
    private final double[][] categoricalWeights;
    private final boolean optuna31Density;

    /** @param observations the group's values in trial order (the order the weights' ramp assumes) */
    public ParzenEstimator(double[] observations, Distribution distribution, TpeSettings settings) {
        this.distribution = distribution;
        this.optuna31Density = settings.optuna31Density();
        int n = observations.length;
        double[] w = Arrays.copyOf(settings.weights(n), n + 1);
        w[n] = settings.priorWeight(); // the prior is always considered (Optuna's consider_prior=True)
        double sum = Arrays.stream(w).sum();
        for (int i = 0; i <= n; i++) {
            w[i] /= sum;
        }
        this.weights = w;
        if (distribution instanceof CategoricalDistribution c) {
            int k = c.choices().size();
            categoricalWeights = new double[n + 1][k];
            double base = settings.priorWeight() / (n + 1);
            for (int i = 0; i <= n; i++) {
                Arrays.fill(categoricalWeights[i], base);
                if (i < n) {
                    categoricalWeights[i][(int) observations[i]] += 1;
                }
                double rowSum = Arrays.stream(categoricalWeights[i]).sum();
                for (int j = 0; j < k; j++) {
                    categoricalWeights[i][j] /= rowSum;
                }
            }
            low = high = Double.NaN;
            discrete = false;
            mus = sigmas = null;
            return;
        }
        categoricalWeights = null;
        if (distribution instanceof FloatDistribution f) {
            low = f.log() ? Math.log(f.low()) : f.low();
            high = f.log() ? Math.log(f.high()) : f.high();
            discrete = false;
        } else {
            IntDistribution i = (IntDistribution) distribution;
            low = i.log() ? Math.log(i.low() - 0.5) : i.low() - 0.5;
            high = i.log() ? Math.log(i.high() + 0.5) : i.high() + 0.5;
            discrete = !i.log();
        }
        mus = new double[n + 1];
        for (int i = 0; i < n; i++) {
            mus[i] = toParzen(observations[i]);
        }
        mus[n] = 0.5 * (low + high);
        sigmas = bandwidths(mus, low, high, settings);
        sigmas[n] = high - low;
    }

    private static double[] bandwidths(double[] mus, double low, double high, TpeSettings settings) {
        int m = mus.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(mus[a], mus[b])); // stable, as numpy's argsort on ties need not be; ties give equal gaps
        double[] s = new double[m + 2];
        s[0] = low;
        s[m + 1] = high;
        for (int i = 0; i < m; i++) {
            s[i + 1] = mus[order[i]];
        }
        double[] sorted = new double[m];
        for (int i = 0; i < m; i++) {
            sorted[i] = Math.max(s[i + 1] - s[i], s[i + 2] - s[i + 1]);
        }
        if (!settings.considerEndpoints() && s.length >= 4) {
            // the outermost components look only inward: the range's end is no neighbour
            sorted[0] = s[2] - s[1];
            sorted[m - 1] = s[m] - s[m - 1];
        }
        double maxSigma = high - low;
        double minSigma = settings.considerMagicClip() ? (high - low) / Math.min(100.0, 1.0 + m) : EPS;
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            out[order[i]] = Math.min(maxSigma, Math.max(minSigma, sorted[i]));
        }
        return out;
    }

    /** The mixture's weights, the prior's last. */
    public double[] weights() {
        return weights.clone();
    }

    /** The components' centres (log scale for log distributions), the prior's last; null for a categorical. */
    public double[] mus() {
        return mus == null ? null : mus.clone();
    }

    /** The components' bandwidths, the prior's last; null for a categorical. */
    public double[] sigmas() {
        return sigmas == null ? null : sigmas.clone();
    }

    /** Per component, the probability of each choice, the prior's row last; null for a number. */
    public double[][] categoricalWeights() {
        if (categoricalWeights == null) {
            return null;
        }
        double[][] out = new double[categoricalWeights.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = categoricalWeights[i].clone();
        }
        return out;
    }

    /** {@code size} draws from the mixture. */
    public double[] sample(RandomGenerator rng, int size) {
        double[] out = new double[size];
        for (int s = 0; s < size; s++) {
            int k = pick(weights, rng.nextDouble());
            if (categoricalWeights != null) {
                out[s] = pick(categoricalWeights[k], rng.nextDouble());
            } else {
                double x;
                do { // mu lies in the range and sigma is at most its width, so at least about a third is accepted
                    x = mus[k] + sigmas[k] * rng.nextGaussian();
                } while (x < low || x > high);
                out[s] = fromParzen(x);
            }
        }
        return out;
    }

    /**
     * The mixture's log density (log mass, for discrete values) at each value; with
     * {@link TpeSettings#optuna31Density} Optuna 3.1's, which for continuous values is not a density.
     */
    public double[] logPdf(double[] values) {
        double[] out = new double[values.length];
        double[] terms = new double[weights.length];
        for (int s = 0; s < values.length; s++) {
            for (int k = 0; k < weights.length; k++) {
                terms[k] = Math.log(weights[k]) + componentLog(k, values[s]);
            }
            out[s] = logSumExp(terms);
        }
        return out;
    }

    private double componentLog(int k, double value) {
        if (categoricalWeights != null) {
            return Math.log(categoricalWeights[k][(int) value]);
        }
        double x = toParzen(value);
        double accepted = Normal.mass((low - mus[k]) / sigmas[k], (high - mus[k]) / sigmas[k]);
        if (discrete) {
            double cell = Normal.mass((x - 0.5 - mus[k]) / sigmas[k], (x + 0.5 - mus[k]) / sigmas[k]);
            return Math.log(cell / accepted + EPS);
        }
        double z = (x - mus[k]) / sigmas[k];
        double logScale = optuna31Density ? 0 : Math.log(sigmas[k]); // see TpeSettings#optuna31Density
        return -0.5 * z * z - LOG_SQRT_2PI - logScale - Math.log(accepted);
    }

    private double toParzen(double value) {
        return isLog() ? Math.log(value) : value;
    }

    private double fromParzen(double x) {
        double v = isLog() ? Math.exp(x) : x;
        Object external = distribution.toExternal(v); // rounds ints, clips to the range
        return distribution.toInternal(external);
    }

    private boolean isLog() {
        return distribution instanceof FloatDistribution f ? f.log() : ((IntDistribution) distribution).log();
    }

    private static int pick(double[] probabilities, double u) {
        double c = 0;
        for (int i = 0; i < probabilities.length; i++) {
            c += probabilities[i];
            if (u < c) {
                return i;
            }
        }
        return probabilities.length - 1; // u within rounding of 1
    }

    private static double logSumExp(double[] xs) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double x : xs) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum);
    }
}
