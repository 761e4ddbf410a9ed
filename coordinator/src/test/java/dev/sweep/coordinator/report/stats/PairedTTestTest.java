package dev.sweep.coordinator.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The paired t-test, its interval and sensitivity against scipy.stats.ttest_rel (1.17). */
class PairedTTestTest {
    private static double[] minus(double[] x, double[] y) {
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        return d;
    }

    @Test
    void matchesScipyOnThreePairs() {
        // r = stats.ttest_rel([0.80, 0.90, 0.85], [0.70, 0.74, 0.72]); r.statistic, r.pvalue, r.confidence_interval()
        Comparison c = PairedTTest.of("base", minus(new double[] {0.80, 0.90, 0.85}, new double[] {0.70, 0.74, 0.72}), 0.9);
        assertEquals(3, c.pairs());
        assertEquals(0.13, c.improvement(), 1e-12);
        assertEquals(7.505553499465144, c.t(), 1e-9);
        assertEquals(2, c.df(), 0);
        assertEquals(0.01729237017600917, c.p(), 1e-10);
        assertEquals(0.05547586864749021, c.ciLow(), 1e-9);
        assertEquals(0.20452413135250985, c.ciHigh(), 1e-9);
        // MDE: brentq(lambda x: power(x, 2) - 0.8, ...) * 0.03 / np.sqrt(3) (see PowerTest for power)
        assertEquals(0.09792130649098714, c.mde(), 1e-8);
        // n = 2; while power(0.13 / 0.03 * np.sqrt(n), n - 1) < 0.8: n += 1
        assertEquals(3, c.pairsNeeded());
        assertEquals(Verdict.BETTER, c.verdict(), "alone, its Holm p is its p: 0.017 < 0.05");
    }

    @Test
    void aLowerIsBetterMetricIsSignedByItsCallerSoAnImprovementIsPositive() {
        // MCRMSE, lower is better: improvement = base - x; stats.ttest_rel(base, x)
        double[] base = {0.50, 0.52, 0.49, 0.51};
        double[] x = {0.45, 0.46, 0.44, 0.47};
        Comparison c = PairedTTest.of("base", minus(base, x), 0.52);
        assertEquals(12.247448713915915, c.t(), 1e-9);
        assertEquals(0.0011722164447168794, c.p(), 1e-11);
        assertEquals(0.03700771736374892, c.ciLow(), 1e-9);
        assertEquals(0.06299228263625109, c.ciHigh(), 1e-9);
        assertEquals(Verdict.BETTER, c.verdict());
    }

    @Test
    void identicalDifferencesAreATieNotAHugeT() {
        // x = [.96, .9633, .97] against base [.9767, .98, .9867]: the differences agree to 6e-17, and
        // stats.ttest_rel(x, base) reports t = -4.5e14, p = 4.913115953782855e-30 on that round-off
        Comparison c = PairedTTest.of("base", minus(new double[] {0.96, 0.9633, 0.97},
                new double[] {0.9767, 0.98, 0.9867}), 0.9867);
        assertFalse(c.tested());
        assertTrue(Double.isNaN(c.p()) && Double.isNaN(c.ciLow()));
        assertEquals("all 3 pairs differ by exactly 0.0167 (worse): no spread, no test", c.noTest());
        assertEquals(Verdict.NO_TEST, c.verdict());
        Comparison two = PairedTTest.of("base", new double[] {0.0033, 0.0033}, 0.98);
        assertEquals("all 2 pairs differ by exactly 0.0033 (better): no spread, no test", two.noTest());
        assertEquals("all 2 pairs tie: no spread, no test", PairedTTest.of("base", new double[] {0, 0}, 0.98).noTest());
    }

    @Test
    void tooFewPairsSayHowMany() {
        assertEquals("no matched pairs", PairedTTest.of("base", new double[] {}, 1).noTest());
        Comparison one = PairedTTest.of("base", new double[] {0.1}, 1);
        assertEquals("1 pair: no test", one.noTest());
        assertEquals(0.1, one.improvement(), 1e-15);
        assertNull(one.pairsNeeded());
    }
}
