package dev.sweep.common.sweep;

import static dev.sweep.common.trial.Checks.positive;

/**
 * Limits on a sweep. A plan with more trials than {@code maxTrials} is refused before publishing,
 * rather than cut short silently; an adaptive strategy proposes at most that many.
 *
 * @param trialHours when set, the compute budget: once the trials' training time (finished ones
 *     in full, running ones so far) adds up to this many hours, no new trial is published;
 *     trials already running finish, and retries of them still go out
 */
public record Budget(Integer maxTrials, Double trialHours) {
    public static final int DEFAULT_MAX_TRIALS = 500;

    public Budget {
        maxTrials = maxTrials == null ? DEFAULT_MAX_TRIALS : positive("budget.max_trials", maxTrials);
        trialHours = trialHours == null ? null : positive("budget.trial_hours", trialHours);
    }

    public Budget(Integer maxTrials) {
        this(maxTrials, null);
    }

    public static Budget defaults() {
        return new Budget(null, null);
    }
}
