package dev.sweep.common.sweep;

import static dev.sweep.common.trial.Checks.positive;

/**
 * Limits on a sweep. A plan with more trials than {@code maxTrials} is refused before publishing,
 * rather than cut short silently.
 */
public record Budget(Integer maxTrials) {
    public static final int DEFAULT_MAX_TRIALS = 500;

    public Budget {
        maxTrials = maxTrials == null ? DEFAULT_MAX_TRIALS : positive("budget.max_trials", maxTrials);
    }

    public static Budget defaults() {
        return new Budget(null);
    }
}
