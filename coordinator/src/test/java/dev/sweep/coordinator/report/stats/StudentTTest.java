package dev.sweep.coordinator.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Student's t and the normal CDF against closed forms, tables and scipy.stats (1.17). */
class StudentTTest {
    @Test
    void theTDistributionMatchesItsClosedForms() {
        // 1 df is the Cauchy distribution: P(|T| >= t) = 1 - 2 atan(t) / pi
        for (double t : new double[] {0.1, 1, 3.5, 40}) {
            assertEquals(1 - 2 * Math.atan(t) / Math.PI, StudentT.twoSidedP(t, 1), 1e-12);
        }
        // 2 df: CDF 1/2 + t / (2 sqrt(2 + t^2)), so the 0.975 quantile is 0.95 sqrt(2 / (4 * 0.975 * 0.025))
        assertEquals(0.95 * Math.sqrt(2 / (4 * 0.975 * 0.025)), StudentT.quantile(0.975, 2), 1e-12);
        assertEquals(2.228138851986274, StudentT.quantile(0.975, 10), 1e-9); // the textbook table's 2.228
        assertEquals(1.959963984540054, StudentT.quantile(0.975, 100_000), 1e-4); // tends to the normal's
    }

    @Test
    void theTDistributionMatchesScipy() {
        // 2 * scipy.stats.t.sf(2.5, 3)
        assertEquals(0.08770664700806556, StudentT.twoSidedP(2.5, 3), 1e-12);
        // scipy.stats.t.cdf(-1.3, 7.5): a fractional df, as a corrected test may have
        assertEquals(0.11606338940780439, StudentT.cdf(-1.3, 7.5), 1e-12);
        // scipy.stats.t.ppf(.975, 1), t.ppf(.8, 4), t.ppf(.01, 3)
        assertEquals(12.706204736174694, StudentT.quantile(0.975, 1), 1e-9);
        assertEquals(0.9409645772351816, StudentT.quantile(0.8, 4), 1e-9);
        assertEquals(-4.5407028585681335, StudentT.quantile(0.01, 3), 1e-9);
    }

    @Test
    void theNormalCdfKeepsItsFarTail() {
        // [scipy.stats.norm.cdf(z) for z in (-30, -5, -1.5, 0, 0.3, 2)]
        double[] z = {-30, -5, -1.5, 0, 0.3, 2};
        double[] expected = {4.906713927147908e-198, 2.866515718791933e-07, 0.06680720126885807, 0.5,
            0.6179114221889526, 0.9772498680518208};
        for (int i = 0; i < z.length; i++) {
            assertEquals(expected[i], Normal.cdf(z[i]), Math.max(1e-14, expected[i] * 1e-10), "z = " + z[i]);
        }
    }
}
