package dev.sweep.coordinator.report.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Holm's step-down against an independent implementation by the definition (statsmodels is not
 * installed; scipy has only Benjamini-Hochberg):
 * <pre>
 * def holm(p):
 *     m = len(p); order = sorted(range(m), key=lambda i: p[i]); out = [0]*m
 *     for r, i in enumerate(order):
 *         out[i] = max(min(1, (m - s) * p[order[s]]) for s in range(r + 1))
 *     return out
 * </pre>
 */
class HolmCorrectionTest {
    @Test
    void adjustsByRankAndKeepsTheOrderGiven() {
        // holm([0.01, 0.04, 0.03, 0.005])
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02},
                HolmCorrection.adjust(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-15);
        // holm([0.2, 0.5, 0.01, 0.3, 0.04]): monotone in rank (0.5 alone would be 0.5)
        assertArrayEquals(new double[] {0.6, 0.6, 0.05, 0.6, 0.16},
                HolmCorrection.adjust(new double[] {0.2, 0.5, 0.01, 0.3, 0.04}), 1e-15);
        // holm([0.6, 0.9, 0.02]): capped at 1
        assertArrayEquals(new double[] {1, 1, 0.06}, HolmCorrection.adjust(new double[] {0.6, 0.9, 0.02}), 1e-15);
        assertArrayEquals(new double[] {0.07}, HolmCorrection.adjust(new double[] {0.07}), 0);
        assertArrayEquals(new double[] {}, HolmCorrection.adjust(new double[] {}), 0);
    }

    @Test
    void refusesWhatIsNotAPValue() {
        assertThrows(IllegalArgumentException.class, () -> HolmCorrection.adjust(new double[] {0.1, Double.NaN}));
    }
}
