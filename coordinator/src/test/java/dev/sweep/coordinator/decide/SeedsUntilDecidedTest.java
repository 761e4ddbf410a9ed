package dev.sweep.coordinator.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Decisions on hand-made seed sequences, and the reasons the report shows. */
class SeedsUntilDecidedTest {
    private final SeedsUntilDecided decider = new SeedsUntilDecided(DecisionRule.of(0.005), "base");

    @Test
    void beforeTheFirstLookItAsksForSeeds() {
        SeedDecision d = decider.decide(new double[] {0.01, 0.02});
        assertEquals(Decision.UNDECIDED, d.decision());
        assertTrue(d.needsAnotherSeed());
        assertEquals(2, d.seeds());
        assertEquals("undecided: 3 seeds before the first look, 2 so far", d.why());
        assertEquals("undecided: 3 seeds before the first look, 0 so far", decider.decide(List.of()).why());
    }

    @Test
    void aClearImprovementIsBetterAtTheFirstLookItCrosses() {
        double[] d = {0.012, 0.013, 0.011, 0.012, 0.0125, 0.0115, 0.012, 0.013, 0.011, 0.012};
        SeedDecision at = decider.decide(d);
        System.out.println(at.why());
        assertEquals(Decision.BETTER, at.decision());
        assertEquals(BETTER_WHY, at.why());
        assertTrue(at.seeds() < 10 && at.low() > 0);
        // later seeds do not reopen it: the decision stands at the look it was made
        assertEquals(at, decider.decide(java.util.Arrays.copyOf(d, at.seeds() + 1)));
        assertEquals(at, decider.decide(d));
        // one seed short of it: another seed
        SeedDecision before = decider.decide(java.util.Arrays.copyOf(d, at.seeds() - 1));
        System.out.println(before.why());
        assertEquals(Decision.UNDECIDED, before.decision());
        assertEquals(UNDECIDED_WHY, before.why());
    }

    @Test
    void aWorseOneIsWorse() {
        double[] d = {-0.012, -0.013, -0.011, -0.012, -0.0125, -0.0115, -0.012};
        SeedDecision at = decider.decide(d);
        assertEquals(Decision.WORSE, at.decision());
        assertTrue(at.why().startsWith("worse than base: difference -0.0120"), at.why());
        assertTrue(at.high() < 0);
    }

    @Test
    void aTrickThatDoesNothingIsEquivalent() {
        double[] d = {0.0001, -0.0002, 0.0001, 0.0, -0.0001, 0.0002, 0.0, 0.0001};
        SeedDecision at = decider.decide(d);
        System.out.println(at.why());
        assertEquals(Decision.EQUIVALENT, at.decision());
        assertEquals(EQUIVALENT_WHY, at.why());
        assertEquals(0.9, at.confidence(), 1e-12);
        assertTrue(at.low() > -0.005 && at.high() < 0.005);
    }

    @Test
    void noiseThatNeverSettlesRunsOutOfSeeds() {
        double[] d = {0.01, -0.008, 0.004, -0.006, 0.009, -0.01, 0.003, 0.002, -0.004, 0.006};
        SeedDecision at = decider.decide(d);
        System.out.println(at.why());
        assertEquals(Decision.OUT_OF_SEEDS, at.decision());
        assertFalse(at.needsAnotherSeed());
        assertEquals(10, at.seeds());
        assertEquals(OUT_OF_SEEDS_WHY, at.why());
    }

    @Test
    void identicalDifferencesDecideWithoutASpread() {
        assertEquals(Decision.EQUIVALENT, decider.decide(new double[] {0, 0, 0}).decision());
        SeedDecision same = decider.decide(new double[] {0.01, 0.01, 0.01});
        assertEquals(Decision.BETTER, same.decision());
        assertEquals(3, same.seeds());
        // round-off of subtracting equal values is no signal: 1e-17 against a min effect of 0.005
        assertEquals(Decision.EQUIVALENT, decider.decide(new double[] {1e-17, -1e-17, 2e-17}).decision());
    }

    private static final String BETTER_WHY = "better than base: difference 0.0120 (95% repeated CI [0.0077, 0.0163]), decided at 4 seeds";
    private static final String UNDECIDED_WHY = "undecided after 3 of at most 10 seeds: difference 0.0120 (95% repeated CI [-0.0190, 0.0430]); give it another seed";
    private static final String EQUIVALENT_WHY = "equivalent to base within ±0.0050 at 3 seeds: difference 0.0000 (90% repeated CI [-0.0038, 0.0038])";
    private static final String OUT_OF_SEEDS_WHY = "out of seeds: 10 seeds could not decide; observed 0.000600 (95% repeated CI [-0.0050, 0.0062]), neither apart from 0 nor within ±0.0050; the pairs' sd 0.0071 is above 0.0046, the noise up to which 10 seeds have 80% power for a difference of 0.0050";
}
