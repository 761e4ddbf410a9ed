package dev.sweep.coordinator.decide;

import static dev.sweep.common.trial.Checks.require;

/**
 * The settings of "seeds until decided", validated at construction; every message states the
 * rule it enforces.
 *
 * @param minSeeds seed pairs before the first look (at least {@link #FEWEST_SEEDS})
 * @param maxSeeds seed pairs at most; the last look (at least minSeeds, at most {@link #MOST_SEEDS})
 * @param minEffect the smallest difference that matters, in the metric's units (&gt; 0); within
 *     plus or minus this a configuration is equivalent to its reference
 * @param alpha the error rate kept: two-sided for better/worse when the true difference is 0, and
 *     one-sided for calling a configuration equivalent whose true difference is plus or minus
 *     minEffect (in (0, 0.5))
 * @param power the power the design is meant to have for a true difference of minEffect by
 *     maxSeeds (in (alpha, 1)); it reaches it only where the noise is at most
 *     {@link SequentialDesign#noiseForPower()}
 */
public record DecisionRule(int minSeeds, int maxSeeds, double minEffect, double alpha, double power) {
    /**
     * At 2 pairs (1 degree of freedom) the first look's t boundary is in the thousands: a look
     * that cannot decide anything, only cost a seed of the error budget.
     */
    public static final int FEWEST_SEEDS = 3;
    /** Beyond this the grid of the boundary computation would need refining; no sweep plans that many seeds. */
    public static final int MOST_SEEDS = 100;

    public DecisionRule {
        require(minSeeds >= FEWEST_SEEDS, "seeds.min must be at least " + FEWEST_SEEDS
                + " (2 degrees of freedom to estimate the noise at the first look), but got " + minSeeds);
        require(maxSeeds >= minSeeds, "seeds.max must be at least seeds.min (" + minSeeds + "), but got " + maxSeeds);
        require(maxSeeds <= MOST_SEEDS, "seeds.max must be at most " + MOST_SEEDS + ", but got " + maxSeeds);
        require(minEffect > 0 && Double.isFinite(minEffect),
                "decide.min_effect must be a finite difference > 0 (within it a configuration is equivalent), but got "
                        + minEffect);
        require(alpha > 0 && alpha < 0.5, "decide.alpha must lie in (0, 0.5), but got " + alpha);
        require(power > alpha && power < 1,
                "decide.power must lie in (alpha, 1) = (" + alpha + ", 1), but got " + power);
    }

    /** The usual rule: 3 to 10 seeds, alpha 0.05, power 0.8. */
    public static DecisionRule of(double minEffect) {
        return new DecisionRule(3, 10, minEffect, 0.05, 0.8);
    }

    /** The number of looks: one after each seed pair from minSeeds to maxSeeds. */
    public int looks() {
        return maxSeeds - minSeeds + 1;
    }
}
