package dev.sweep.coordinator.decide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.coordinator.report.stats.Power;
import org.junit.jupiter.api.Test;

/**
 * The spending function and the boundaries against scipy 1.17, with
 * <pre>
 * spent = lambda t, a: 2 - 2 * stats.norm.cdf(stats.norm.isf(a / 2) / np.sqrt(t))
 * </pre>
 * and for two looks at fractions 0.3 and 0.4 the second boundary c2 solved exactly by quadrature
 * (r = sqrt(0.3 / 0.4); Z2 | Z1 = z is normal with mean r z and variance 1 - r^2):
 * <pre>
 * exit = lambda c2, lo: integrate.quad(lambda z: stats.norm.pdf(z) * (stats.norm.sf((c2 - r*z) / np.sqrt(1 - r*r))
 *     + (stats.norm.cdf((-c2 - r*z) / np.sqrt(1 - r*r)) if two else 0)), lo, c1, epsabs=1e-14, epsrel=1e-12)[0]
 * optimize.brentq(lambda c: exit(c, lo) - (spent(0.4, .05) - spent(0.3, .05)), 0.5, 10, xtol=1e-13)
 * </pre>
 * (lo = -c1 two-sided, -inf one-sided).
 */
class SequentialDesignTest {
    @Test
    void theSpendingFunctionMatchesItsClosedForm() {
        assertEquals(0.000345719580169046, ObrienFlemingSpending.spent(0.3, 0.05), 1e-12); // spent(0.3, .05)
        assertEquals(0.005574596680784305, ObrienFlemingSpending.spent(0.5, 0.05), 1e-12); // spent(0.5, .05)
        assertEquals(0.019149643385582893, ObrienFlemingSpending.spent(0.7, 0.05), 1e-12); // spent(0.7, .05)
        assertEquals(0.03883004316452365, ObrienFlemingSpending.spent(0.9, 0.05), 1e-12); // spent(0.9, .05)
        assertEquals(0.05, ObrienFlemingSpending.spent(1.0, 0.05), 0); // all of alpha by the last look
    }

    @Test
    void twoLookBoundariesMatchQuadrature() {
        double[] two = GroupSequentialBounds.of(new double[] {0.3, 0.4}, 0.05, true);
        // c1 = stats.norm.isf(spent(0.3, .05) / 2); c2 as above, two-sided
        assertArrayEquals(new double[] {3.578388287434313, 3.1187224321365057}, two, 1e-7);
        double[] one = GroupSequentialBounds.of(new double[] {0.3, 0.4}, 0.05, false);
        // c1 = stats.norm.isf(spent(0.3, .05)); c2 as above, one-sided
        assertArrayEquals(new double[] {3.392951354673476, 2.905962023643323}, one, 1e-7);
    }

    @Test
    void aSingleLookAtTheEndIsTheFixedSampleTest() {
        assertArrayEquals(new double[] {1.9599639845400545}, GroupSequentialBounds.of(new double[] {1}, 0.05, true),
                1e-9); // stats.norm.isf(0.025)
        DecisionRule fixed = new DecisionRule(10, 10, 0.01, 0.05, 0.8);
        // stats.t.isf(0.025, 9)
        assertEquals(2.2621571627982053, SequentialDesign.of(fixed).efficacyBound(10), 1e-8);
    }

    @Test
    void theTBoundaryKeepsEachLooksNominalLevel() {
        SequentialDesign design = SequentialDesign.of(new DecisionRule(3, 10, 0.01, 0.05, 0.8));
        // the first look's z bounds are closed forms: stats.t.isf(stats.norm.sf(3.578388287434313), 2) and
        // stats.t.isf(stats.norm.sf(3.392951354673476), 2)
        assertEquals(53.76818550353241, design.efficacyBound(3), 1e-6);
        assertEquals(38.009985738859285, design.equivalenceBound(3), 1e-6);
        double previous = Double.POSITIVE_INFINITY;
        for (int n = 3; n <= 10; n++) { // both fall look by look: the design spends more as it learns
            assertTrue(design.efficacyBound(n) < previous, "efficacy bound at " + n);
            previous = design.efficacyBound(n);
            assertTrue(design.equivalenceBound(n) < design.efficacyBound(n), "one-sided below two-sided at " + n);
        }
        System.out.println("t bounds, 3..10 seeds, two-sided: " + design.efficacyBounds());
        System.out.println("t bounds, 3..10 seeds, one-sided: " + design.equivalenceBounds());
        System.out.printf(java.util.Locale.ROOT, "last look nominal levels: two-sided %.5f, one-sided %.5f%n",
                design.efficacyLevel(10), design.equivalenceLevel(10));
        assertTrue(design.efficacyLevel(10) < 0.05 && design.efficacyLevel(10) > 0.03, "the last look keeps most of alpha");
    }

    @Test
    void theNoiseForPowerIsWhereTheLastLooksTestHasThePower() {
        DecisionRule rule = new DecisionRule(3, 10, 0.01, 0.05, 0.8);
        SequentialDesign design = SequentialDesign.of(rule);
        double sigma = design.noiseForPower();
        assertEquals(0.8, Power.power(0.01 * Math.sqrt(10) / sigma, 9, design.efficacyLevel(10)), 1e-8);
        // below the fixed 10-seed test's: 0.01 * sqrt(10) / 3.149632886450618 (PowerTest) = 0.01004
        assertTrue(sigma < 0.01 * Math.sqrt(10) / 3.149632886450618);
        System.out.printf(java.util.Locale.ROOT, "noise for 80%% power at min effect 0.01, 3..10 seeds: %.5f"
                + " (min effect / noise >= %.3f)%n", sigma, 0.01 / sigma);
    }

    @Test
    void allEightLooksMatchScipysMultivariateNormal() {
        // docs/seeds-until-decided-bounds.py: each c_k by brentq on stats.multivariate_normal.cdf(c, cov=sqrt(min(t)/max(t)),
        // lower_limit=-c or -inf) = 1 - spent(t_k), t = 0.3..1.0; Genz's integration, so to 1e-5
        double[] t = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        assertArrayEquals(new double[] {3.578388, 3.118722, 2.815514, 2.599625, 2.437047, 2.309609, 2.206697,
                2.121664}, GroupSequentialBounds.of(t, 0.05, true), 1e-4);
        assertArrayEquals(new double[] {3.392951, 2.905962, 2.57893, 2.341733, 2.159806, 2.014623, 1.89529,
                1.794945}, GroupSequentialBounds.of(t, 0.05, false), 1e-4);
    }

    @Test
    void designsAreCachedPerRule() {
        DecisionRule rule = new DecisionRule(3, 10, 0.01, 0.05, 0.8);
        assertSame(SequentialDesign.of(rule), SequentialDesign.of(new DecisionRule(3, 10, 0.01, 0.05, 0.8)));
    }
}
