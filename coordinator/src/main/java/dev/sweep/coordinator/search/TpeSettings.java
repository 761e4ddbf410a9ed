package dev.sweep.coordinator.search;

/**
 * The TPE sampler's knobs, named as Optuna's {@code TPESampler} arguments; {@link #defaults()}
 * are Optuna 3.1's. The weights and gamma are Optuna's {@code default_weights} and
 * {@code default_gamma}.
 *
 * <p>{@code optuna31Density}: Optuna 3.1's {@code _truncnorm.logpdf} has no {@code - log(scale)}
 * term, so a continuous component's log density there is the textbook one plus log sigma (wide
 * components count for more). True reproduces Optuna 3.1's scores, and its results: with the
 * textbook density our TPE's median best after 100 trials of 10-D Rosenbrock was about three
 * times Optuna's. False is the true truncated-normal density.
 */
public record TpeSettings(int nStartupTrials, int nEiCandidates, double priorWeight, boolean considerMagicClip,
        boolean considerEndpoints, boolean optuna31Density) {
    /** Optuna 3.1: gamma(n) = min(ceil(0.1 n), 25) good trials. */
    public static final int MAX_GOOD = 25;

    public TpeSettings {
        if (nStartupTrials < 0) {
            throw new IllegalArgumentException("nStartupTrials >= 0 must hold, but got " + nStartupTrials);
        }
        if (nEiCandidates < 1) {
            throw new IllegalArgumentException("nEiCandidates >= 1 must hold, but got " + nEiCandidates);
        }
        if (!(priorWeight > 0) || Double.isInfinite(priorWeight)) {
            throw new IllegalArgumentException("priorWeight > 0 must hold, but got " + priorWeight);
        }
    }

    /** n_startup_trials=10, n_ei_candidates=24, prior_weight=1.0, consider_magic_clip, no endpoints, Optuna 3.1's density. */
    public static TpeSettings defaults() {
        return new TpeSettings(10, 24, 1.0, true, false, true);
    }

    /** The same knobs with the textbook truncated-normal density. */
    public TpeSettings withTextbookDensity() {
        return new TpeSettings(nStartupTrials, nEiCandidates, priorWeight, considerMagicClip, considerEndpoints, false);
    }

    /** How many of {@code n} observations form the good group l(x). */
    public int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), MAX_GOOD);
    }

    /**
     * The weights of {@code n} observations in trial order: flat when fewer than 25, else a ramp
     * from 1/n to 1 over the oldest n - 25 and flat over the newest 25, so old trials fade.
     */
    public double[] weights(int n) {
        double[] w = new double[n];
        if (n < MAX_GOOD) {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        int ramp = n - MAX_GOOD;
        for (int i = 0; i < ramp; i++) {
            // numpy.linspace(1/n, 1, num=ramp): ramp points, both ends included
            w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + i * (1.0 - 1.0 / n) / (ramp - 1);
        }
        java.util.Arrays.fill(w, ramp, n, 1.0);
        return w;
    }
}
