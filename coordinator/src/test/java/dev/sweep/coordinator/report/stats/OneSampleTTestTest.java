package dev.sweep.coordinator.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The averaged model against its members, against scipy.stats.ttest_1samp (1.17). */
class OneSampleTTestTest {
    @Test
    void threeMembersAgainstTheirAverageMatchScipy() {
        // members [0.80, 0.90, 0.85], averaged model 0.88: stats.ttest_1samp([0.88 - m for m in members], 0)
        // (the same t, negated, as stats.ttest_1samp([0.80, 0.90, 0.85], 0.88))
        Comparison c = OneSampleTTest.of("members", new double[] {0.88 - 0.80, 0.88 - 0.90, 0.88 - 0.85}, 0.9);
        assertEquals(1.0392304845413263, c.t(), 1e-9);
        assertEquals(0.4078434745362079, c.p(), 1e-10);
        assertEquals(-0.09420688558751648, c.ciLow(), 1e-9);
        assertEquals(0.15420688558751647, c.ciHigh(), 1e-9);
        assertEquals("better than 2, worse than 1 of 3 members", c.note());
        assertEquals(Verdict.NOT_DISTINGUISHABLE, c.verdict());
    }

    @Test
    void twoMembersAreTooFewButTheirPlaceIsSaid() {
        Comparison c = OneSampleTTest.of("members", new double[] {0.0033, 0.0066}, 0.98);
        assertFalse(c.tested());
        assertEquals("2 members: too few for a test (3 needed)", c.noTest());
        assertEquals("better than all 2 members", c.note());
        assertEquals(0.00495, c.improvement(), 1e-15);
        assertEquals("equal to all 2 members", OneSampleTTest.of("members", new double[] {0, 0}, 0.98).note());
    }
}
