package dev.sweep.coordinator.decide;

import static dev.sweep.common.trial.Checks.require;

/**
 * What a configuration's seeds decide, as a value the report and the coordinator can show and act on.
 *
 * @param decision the decision; only {@link Decision#UNDECIDED} asks for another seed
 * @param seeds the seed pairs it was decided at (the first look whose boundary was crossed), or
 *     the pairs seen so far when undecided or out of seeds
 * @param difference the mean paired difference at that look, positive = better; NaN without pairs
 * @param low the repeated confidence interval at that look (Jennison and Turnbull 2000, chapter 9):
 *     the difference plus or minus the look's boundary times its standard error, so that the
 *     intervals of all looks together cover the truth with the stated confidence; for
 *     {@link Decision#EQUIVALENT} the one-sided bounds of the two equivalence tests; NaN before the
 *     first look
 * @param high its upper end
 * @param confidence the interval's coverage, e.g. 0.95 (0.90 for the two one-sided 0.05 tests)
 * @param why the decision in words, for the report
 */
public record SeedDecision(Decision decision, int seeds, double difference, double low, double high,
        double confidence, String why) {
    public SeedDecision {
        require(decision != null, "a seed decision needs a decision");
        require(seeds >= 0, "seeds must be >= 0, but got " + seeds);
        require(Double.isNaN(low) || low <= high, "an interval's low end must not exceed its high end, but got ["
                + low + ", " + high + "]");
        require(why != null && !why.isBlank(), "a seed decision must say why");
    }

    /** Whether the configuration needs another seed pair. */
    public boolean needsAnotherSeed() {
        return !decision.isFinal();
    }
}
