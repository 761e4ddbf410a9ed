package dev.sweep.coordinator.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The estimator's mixture against Optuna 3.1's own {@code _ParzenEstimator} for the same
 * observations, printed with /usr/bin/python3 (Debian python3-optuna 3.1):
 *
 * <pre>
 * import numpy as np
 * from optuna.distributions import FloatDistribution, IntDistribution, CategoricalDistribution
 * from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
 * from optuna.samplers._tpe.sampler import default_weights
 * np.set_printoptions(precision=17, floatmode="unique")
 * P = _ParzenEstimatorParameters(consider_prior=True, prior_weight=1.0, consider_magic_clip=True,
 *                                consider_endpoints=False, weights=default_weights, multivariate=False)
 * def show(name, obs, dist):
 *     pe = _ParzenEstimator({"x": np.asarray(obs, dtype=float)}, {"x": dist}, P)
 *     print(name, "weights", repr(pe._weights))
 *     if isinstance(dist, CategoricalDistribution):
 *         print(name, "categorical", repr(pe._categorical_weights["x"]))
 *     else:
 *         print(name, "mus", repr(pe._mus["x"]))
 *         print(name, "sigmas", repr(pe._sigmas["x"]))
 * show("float", [1.0, 2.5, 2.7, 8.0], FloatDistribution(0, 10))
 * show("log", [1e-3, 3e-3, 5e-2], FloatDistribution(1e-4, 1e-1, log=True))
 * show("int", [3, 7, 7, 12], IntDistribution(1, 16))
 * show("cat", [0, 2, 2], CategoricalDistribution(["a", "b", "c"]))
 * show("empty", [], FloatDistribution(-5, 5))
 * show("ramp", [(i * 3.7) % 10 for i in range(30)], FloatDistribution(0, 10))
 * </pre>
 */
class ParzenEstimatorTest {
    private static final double TOL = 1e-12;

    private static ParzenEstimator of(double[] obs, Distribution d) {
        return new ParzenEstimator(obs, d, TpeSettings.defaults());
    }

    @Test
    void aFloatMixtureHasOptunasCentresBandwidthsAndWeights() {
        ParzenEstimator pe = of(new double[] {1.0, 2.5, 2.7, 8.0}, new FloatDistribution(0, 10, false));
        assertArrayEquals(new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, pe.weights(), TOL);
        assertArrayEquals(new double[] {1.0, 2.5, 2.7, 8.0, 5.0}, pe.mus(), TOL);
        assertArrayEquals(new double[] {1.6666666666666667, 1.6666666666666667, 2.3, 3.0, 10.0}, pe.sigmas(), TOL);
    }

    @Test
    void aLogFloatMixtureLivesInLogSpace() {
        ParzenEstimator pe = of(new double[] {1e-3, 3e-3, 5e-2}, new FloatDistribution(1e-4, 1e-1, true));
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, pe.weights(), TOL);
        assertArrayEquals(new double[] {-6.907755278982137, -5.809142990314028, -2.995732273553991, -5.756462732485113}, pe.mus(), TOL);
        assertArrayEquals(new double[] {1.3815510557964275, 1.3815510557964275, 2.7607304589311226, 6.907755278982137}, pe.sigmas(), TOL);
    }

    @Test
    void anIntMixtureSpreadsOverHalfAStepBeyondEachEnd() {
        ParzenEstimator pe = of(new double[] {3, 7, 7, 12}, new IntDistribution(1, 16, false));
        assertArrayEquals(new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, pe.weights(), TOL);
        assertArrayEquals(new double[] {3.0, 7.0, 7.0, 12.0, 8.5}, pe.mus(), TOL);
        assertArrayEquals(new double[] {4.0, 4.0, 2.6666666666666665, 3.5, 16.0}, pe.sigmas(), TOL);
    }

    @Test
    void aCategoricalMixtureIsSmoothedCountsWithAUniformPrior() {
        ParzenEstimator pe = of(new double[] {0, 2, 2}, CategoricalDistribution.of("a", "b", "c"));
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, pe.weights(), TOL);
        double[][] expected = {{0.7142857142857143, 0.14285714285714285, 0.14285714285714285}, {0.14285714285714285, 0.14285714285714285, 0.7142857142857143}, {0.14285714285714285, 0.14285714285714285, 0.7142857142857143}, {0.3333333333333333, 0.3333333333333333, 0.3333333333333333}};
        double[][] actual = pe.categoricalWeights();
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], TOL);
        }
    }

    @Test
    void withNoObservationsOnlyThePriorRemains() {
        ParzenEstimator pe = of(new double[0], new FloatDistribution(-5, 5, false));
        assertArrayEquals(new double[] {1.0}, pe.weights(), TOL);
        assertArrayEquals(new double[] {0.0}, pe.mus(), TOL);
        assertArrayEquals(new double[] {10.0}, pe.sigmas(), TOL);
    }

    @Test
    void beyondTwentyFiveObservationsTheOldestWeighLessAndBandwidthsFollowTheNeighbours() {
        double[] obs = new double[30];
        for (int i = 0; i < 30; i++) {
            obs[i] = (i * 3.7) % 10;
        }
        ParzenEstimator pe = of(obs, new FloatDistribution(0, 10, false));
        assertArrayEquals(new double[] {0.0011661807580174927, 0.009620991253644314, 0.018075801749271137, 0.026530612244897955, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776, 0.034985422740524776}, pe.weights(), TOL);
        assertArrayEquals(new double[] {0.0, 3.7, 7.4, 1.1000000000000014, 4.800000000000001, 8.5, 2.200000000000003, 5.900000000000002, 9.600000000000001, 3.3000000000000043, 7.0, 0.7000000000000028, 4.400000000000006, 8.100000000000001, 1.8000000000000043, 5.5, 9.200000000000003, 2.9000000000000057, 6.6000000000000085, 0.29999999999999716, 4.0, 7.700000000000003, 1.4000000000000057, 5.1000000000000085, 8.800000000000011, 2.5, 6.200000000000003, 9.900000000000006, 3.6000000000000085, 7.300000000000011, 5.0}, pe.mus(), TOL);
        assertArrayEquals(new double[] {0.3125, 0.3125, 0.3125, 0.3999999999999986, 0.399999999999995, 0.3999999999999986, 0.3999999999999986, 0.40000000000000213, 0.3999999999999986, 0.3999999999999986, 0.3999999999999915, 0.4000000000000057, 0.4000000000000057, 0.3999999999999986, 0.3999999999999986, 0.40000000000000213, 0.3999999999999986, 0.4000000000000057, 0.4000000000000057, 0.4000000000000057, 0.4000000000000057, 0.3999999999999986, 0.3999999999999986, 0.3999999999999915, 0.3999999999999915, 0.4000000000000057, 0.4000000000000057, 0.3125, 0.3125, 0.3125, 10.0}, pe.sigmas(), TOL);
    }

    /**
     * Optuna 3.1's log densities, printed with the snippet above and
     * {@code print(list(_ParzenEstimator({"x": np.asarray([1.0, 2.5, 2.7, 8.0])}, {"x": FloatDistribution(0, 10)}, P)
     * .log_pdf({"x": np.asarray([0.05, 1.0, 5.0, 9.9])})))} and likewise for
     * {@code IntDistribution(1, 16)} with [3, 7, 7, 12] at [1, 7, 16]. Our normal CDF is good to
     * about 1e-7, hence the tolerance. The float values are Optuna 3.1's, without -log(sigma), which the
     * defaults reproduce (TpeSettings#optuna31Density).
     */
    @Test
    void logDensitiesAreOptunasIncludingItsMissingScaleTerm() {
        ParzenEstimator f = of(new double[] {1.0, 2.5, 2.7, 8.0}, new FloatDistribution(0, 10, false));
        assertArrayEquals(new double[] {-1.0306927623771154, -0.831405058342508, -1.0149425051271255, -1.297304673943915},
                f.logPdf(new double[] {0.05, 1.0, 5.0, 9.9}), 1e-6);
        ParzenEstimator i = of(new double[] {3, 7, 7, 12}, new IntDistribution(1, 16, false));
        assertArrayEquals(new double[] {-3.0972250609963408, -2.4104772316445553, -3.6187323872520913},
                i.logPdf(new double[] {1, 7, 16}), 1e-6);
    }

    @Test
    void samplesStayInTheRangeAndTheTextbookDensityIntegratesToOne() {
        ParzenEstimator pe = new ParzenEstimator(new double[] {1.0, 2.5, 2.7, 8.0}, new FloatDistribution(0, 10, false),
                TpeSettings.defaults().withTextbookDensity());
        for (double x : pe.sample(new SplittableRandom(1), 2000)) {
            assertTrue(x >= 0 && x <= 10, "outside [0, 10]: " + x);
        }
        int n = 20000;
        double[] grid = new double[n];
        for (int i = 0; i < n; i++) {
            grid[i] = (i + 0.5) * 10.0 / n;
        }
        double integral = 0;
        for (double lp : pe.logPdf(grid)) {
            integral += Math.exp(lp) * 10.0 / n;
        }
        assertEquals(1.0, integral, 1e-5);
        ParzenEstimator ints = of(new double[] {3, 7, 7, 12}, new IntDistribution(1, 16, false));
        double mass = 0;
        for (int k = 1; k <= 16; k++) {
            mass += Math.exp(ints.logPdf(new double[] {k})[0]);
        }
        assertEquals(1.0, mass, 1e-5);
    }
}
