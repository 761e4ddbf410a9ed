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

    // EXPECTED VALUES GO HERE
}
