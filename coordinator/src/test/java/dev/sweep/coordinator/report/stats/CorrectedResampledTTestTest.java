package dev.sweep.coordinator.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Nadeau and Bengio's corrected resampled t-test, by its formula in numpy/scipy:
 * <pre>
 * m = d.mean(); s2 = d.var(ddof=1); se = np.sqrt((1/J + 1/(K-1)) * s2); t = m / se
 * p = 2 * stats.t.sf(abs(t), J - 1); ci = m -+ stats.t.ppf(.975, J - 1) * se
 * </pre>
 */
class CorrectedResampledTTestTest {
    @Test
    void fourFoldsOneSeedMatchTheFormulaAndAreLessSignificantThanAPlainTTest() {
        // d = np.array([0.02, 0.035, 0.01, 0.03]); K = J = 4
        Comparison c = CorrectedResampledTTest.of("base", new double[] {0.02, 0.035, 0.01, 0.03}, 4, 4, 0.9);
        assertEquals(2.8047866384392, c.t(), 1e-9);
        assertEquals(3, c.df(), 0);
        assertEquals(0.06758406236294687, c.p(), 1e-10);
        assertEquals(-0.003197896397762478, c.ciLow(), 1e-9);
        assertEquals(0.05069789639776248, c.ciHigh(), 1e-9);
        // stats.ttest_1samp(d, 0).pvalue = 0.0234: the folds taken as independent would pass at 0.05
        assertTrue(c.p() > 0.02336540511536289 * 2);
        // brentq(lambda x: power(x, 3) - 0.8, ...) * d.std(ddof=1) * np.sqrt(1/4 + 1/3)
        assertEquals(0.03603753398547021, c.mde(), 1e-8);
        assertNull(c.pairsNeeded(), "with folds, seeds do not add test units");
        assertEquals(CorrectedResampledTTest.NO_SEED_COUNT, c.note());
        assertEquals("fold", c.unit());
    }

    @Test
    void twoSeedsPerFoldEnterAsTheirFoldsMeans() {
        // dd = [[0.02, 0.03], [0.035, 0.025], [0.01, 0.0], [0.03, 0.05]]; fm = dd.mean(axis=1), the formula on fm:
        // t = 2.223747949983304, p = 0.11264954300113243 (Bouckaert-Frank's r x k on all 8 would say 0.047)
        Comparison c = CorrectedResampledTTest.of("base", new double[] {0.025, 0.03, 0.005, 0.04}, 8, 4, 0.9);
        assertEquals(8, c.pairs());
        assertEquals(2.223747949983304, c.t(), 1e-9);
        assertEquals(0.11264954300113243, c.p(), 1e-10);
        assertEquals(-0.010777956594716614, c.ciLow(), 1e-9);
        assertEquals(0.06077795659471662, c.ciHigh(), 1e-9);
        assertEquals(Verdict.NOT_DISTINGUISHABLE, c.verdict());
    }

    @Test
    void oneFoldIsNoTest() {
        assertEquals("1 fold: no test", CorrectedResampledTTest.of("base", new double[] {0.01}, 2, 4, 1).noTest());
    }
}
