package dev.sweep.coordinator.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Ordinary least squares against scipy 1.17's linregress and against fits with no residual. */
class LeastSquaresTest {
    @Test
    void aStraightLineMatchesScipysLinregress() {
        // r = stats.linregress([1, 2, 3, 4, 5], [2.1, 3.9, 6.2, 7.8, 10.1])
        // r.slope, r.intercept, r.stderr, r.intercept_stderr, r.pvalue
        double[][] x = {{1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 5}};
        LeastSquares fit = LeastSquares.fit(x, new double[] {2.1, 3.9, 6.2, 7.8, 10.1});
        assertEquals(1.99, fit.coefficient(1), 1e-12);
        assertEquals(0.05000000000000071, fit.coefficient(0), 1e-12);
        assertEquals(0.059721576223897795, fit.standardError(1), 1e-12);
        assertEquals(0.19807406022327906, fit.standardError(0), 1e-12);
        assertEquals(5.941539111755929e-05, fit.p(1), 1e-15);
        assertEquals(3, fit.df());
    }

    @Test
    void valuesExactlyOnTheModelGiveACertainEffectAndNoEvidenceForAZeroOne() {
        // y = 1 + 2 x1 exactly, x2 has no effect: se 0 for both
        double[][] x = {{1, -1, -1}, {1, 1, -1}, {1, -1, 1}, {1, 1, 1}, {1, 1, 1}};
        LeastSquares fit = LeastSquares.fit(x, new double[] {-1, 3, -1, 3, 3});
        assertEquals(2, fit.coefficient(1), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, fit.t(1));
        assertEquals(0, fit.p(1));
        assertEquals(0, fit.coefficient(2), 1e-12);
    }

    @Test
    void dependentColumnsAndTooFewObservationsAreRefusedWithTheRule() {
        IllegalArgumentException dependent = assertThrows(IllegalArgumentException.class,
                () -> LeastSquares.fit(new double[][] {{1, 1}, {1, 1}, {1, 1}}, new double[] {1, 2, 3}));
        assertTrue(dependent.getMessage().contains("linearly dependent"), dependent.getMessage());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> LeastSquares.fit(new double[][] {{1, 1}, {1, 2}}, new double[] {1, 2}));
        assertTrue(few.getMessage().contains("needs more than 2 observations"), few.getMessage());
    }
}
