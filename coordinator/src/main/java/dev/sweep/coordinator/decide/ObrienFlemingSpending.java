package dev.sweep.coordinator.decide;

import static dev.sweep.common.trial.Checks.require;

/**
 * The O'Brien-Fleming-type alpha-spending function of Lan and DeMets (1983), "Discrete sequential
 * boundaries for clinical trials", Biometrika 70(3), 659-663:
 *
 * <pre>alpha(t) = 2 - 2 Phi(z_{1-level/2} / sqrt(t)),  0 &lt; t &lt;= 1,  alpha(1) = level</pre>
 *
 * the error probability spent by information fraction t. It spends almost nothing early (at
 * t = 0.3 of a 0.05 level, 3.5e-4), so the last look keeps nearly the fixed-sample level and the
 * design loses little power for the option of stopping early. Used with the level two-sided for
 * better/worse, and one-sided for each of the two equivalence tests (Jennison and Turnbull 2000,
 * section 7.2).
 */
public final class ObrienFlemingSpending {
    private ObrienFlemingSpending() {}

    /** The error spent by information fraction {@code t} of a test at total {@code level}. */
    public static double spent(double t, double level) {
        require(t > 0 && t <= 1, "an information fraction must lie in (0, 1], but got " + t);
        require(level > 0 && level < 1, "a level must lie in (0, 1), but got " + level);
        if (t == 1) {
            return level; // exactly, not through two quantile round trips
        }
        return 2 * NormalQuantile.upperTail(NormalQuantile.of(1 - level / 2) / Math.sqrt(t));
    }
}
