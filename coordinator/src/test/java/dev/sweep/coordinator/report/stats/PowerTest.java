package dev.sweep.coordinator.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Power and sample size against scipy, with
 * <pre>
 * def power(nc, df, a=0.05):
 *     c = stats.t.ppf(1 - a/2, df); return stats.nct.sf(c, df, nc) + stats.nct.sf(c, df, -nc)
 * </pre>
 */
class PowerTest {
    @Test
    void powerMatchesScipy() {
        assertEquals(0.6192614594023306, Power.power(3.0, 4, 0.05), 1e-8); // power(3.0, 4)
        assertEquals(0.14594995025317872, Power.power(1.0, 9, 0.05), 1e-8); // power(1.0, 9)
        assertEquals(0.05, Power.power(0, 6, 0.05), 1e-9); // no effect: the test rejects at its level
    }

    @Test
    void theNoncentralityOf80PercentPowerIsTheExactOneNotTheNormalApproximation() {
        // optimize.brentq(lambda x: power(x, df) - 0.8, 0.1, 30, xtol=1e-14) for df = 1, 2, 4, 9
        assertEquals(16.334008869921036, Power.noncentralityFor(0.8, 1, 0.05), 1e-6);
        assertEquals(5.653489266197127, Power.noncentralityFor(0.8, 2, 0.05), 1e-6);
        assertEquals(3.7610595538250196, Power.noncentralityFor(0.8, 4, 0.05), 1e-6);
        assertEquals(3.149632886450618, Power.noncentralityFor(0.8, 9, 0.05), 1e-6);
        // the textbook shortcut t_{.975,df} + t_{.8,df} is 14.08 at df 1: 14% short of the truth
        double shortcut = StudentT.quantile(0.975, 1) + StudentT.quantile(0.8, 1);
        assertEquals(14.082586656645868, shortcut, 1e-8);
    }

    @Test
    void theMinimumDetectableEffectScalesTheNoncentralityBySdOverRootN() {
        // nc2 * 0.03 / np.sqrt(3) with nc2 the df-2 noncentrality above
        assertEquals(0.09792130649098714, Power.minimumDetectableEffect(0.03, 1.0 / 3, 2), 1e-8);
    }

    @Test
    void pairsNeededIsTheSmallestNWithPowerAtLeast80Percent() {
        // n = 2; while power(e * np.sqrt(n), n - 1) < 0.8: n += 1   for e = mean / sd
        assertEquals(10, Power.pairsNeeded(1.0, 1.0));
        assertEquals(34, Power.pairsNeeded(-0.5, 1.0)); // a worse configuration: the size of the effect counts
        assertEquals(5, Power.pairsNeeded(2.0, 1.0));
        assertEquals(199, Power.pairsNeeded(0.02, 0.1));
        assertEquals(3, Power.pairsNeeded(5.0, 1.0));
        assertEquals(-1, Power.pairsNeeded(0, 1.0), "no difference: no n detects it");
        // the same at alpha 0.05 / 3 (Holm's strictest level over 3 tests): power(x, df, a=0.05/3)
        assertEquals(14, Power.pairsNeeded(1.0, 1.0, 0.05 / 3));
    }
}
