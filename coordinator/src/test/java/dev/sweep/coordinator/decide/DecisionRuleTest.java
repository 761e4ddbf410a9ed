package dev.sweep.coordinator.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The rule's settings are checked where they are made, and each message states the rule. */
class DecisionRuleTest {
    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void eachSettingSaysWhatItMustBe() {
        assertEquals("seeds.min must be at least 3 (2 degrees of freedom to estimate the noise at the first look),"
                + " but got 2", message(() -> new DecisionRule(2, 10, 0.01, 0.05, 0.8)));
        assertEquals("seeds.max must be at least seeds.min (5), but got 4",
                message(() -> new DecisionRule(5, 4, 0.01, 0.05, 0.8)));
        assertEquals("seeds.max must be at most 100, but got 101",
                message(() -> new DecisionRule(3, 101, 0.01, 0.05, 0.8)));
        assertEquals("decide.min_effect must be a finite difference > 0 (within it a configuration is equivalent),"
                + " but got 0.0", message(() -> new DecisionRule(3, 10, 0, 0.05, 0.8)));
        assertEquals("decide.min_effect must be a finite difference > 0 (within it a configuration is equivalent),"
                + " but got NaN", message(() -> new DecisionRule(3, 10, Double.NaN, 0.05, 0.8)));
        assertEquals("decide.alpha must lie in (0, 0.5), but got 0.5",
                message(() -> new DecisionRule(3, 10, 0.01, 0.5, 0.8)));
        assertEquals("decide.power must lie in (alpha, 1) = (0.05, 1), but got 0.04",
                message(() -> new DecisionRule(3, 10, 0.01, 0.05, 0.04)));
        assertEquals("decide.power must lie in (alpha, 1) = (0.05, 1), but got 1.0",
                message(() -> new DecisionRule(3, 10, 0.01, 0.05, 1)));
    }

    @Test
    void theUsualRuleIsThreeToTenSeeds() {
        DecisionRule rule = DecisionRule.of(0.005);
        assertEquals(new DecisionRule(3, 10, 0.005, 0.05, 0.8), rule);
        assertEquals(8, rule.looks());
        assertEquals(1, new DecisionRule(10, 10, 0.005, 0.05, 0.8).looks());
    }

    @Test
    void theDeciderRefusesWhatItCannotJudge() {
        SeedsUntilDecided decider = new SeedsUntilDecided(DecisionRule.of(0.01), "base");
        assertEquals("the rule allows at most 10 seeds (seeds.max), but got 11 pairs",
                message(() -> decider.decide(new double[11])));
        assertEquals("a difference must be finite, but pair 2 is NaN",
                message(() -> decider.decide(new double[] {0.1, Double.NaN, 0.2})));
        assertEquals("seeds until decided must name what it compares against",
                message(() -> new SeedsUntilDecided(DecisionRule.of(0.01), " ")));
        assertEquals("looks are at 3 to 10 seeds, but got 2",
                message(() -> SequentialDesign.of(DecisionRule.of(0.01)).efficacyBound(2)));
    }
}
