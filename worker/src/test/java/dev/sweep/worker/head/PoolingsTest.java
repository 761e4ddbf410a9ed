package dev.sweep.worker.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every pooling against a hand computation on B=2, T=3, H=2, the second example padded at its last token. */
class PoolingsTest {
    NDManager m;
    // example 0 tokens: (1,2) (3,-4) (5,0); example 1 tokens: (-1,1) (2,2) and padding (100,-100)
    final float[] last = {1, 2, 3, -4, 5, 0, -1, 1, 2, 2, 100, -100};
    NDArray states;
    NDArray mask;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
        states = m.create(last, new Shape(2, 3, 2));
        mask = m.create(new long[] {1, 1, 1, 1, 1, 0}, new Shape(2, 3));
    }

    @AfterEach
    void close() {
        m.close();
    }

    private float[] pool(String name) {
        Pooling p = Poolings.create(name, 2, 1, 1, m);
        return p.pool(List.of(states), mask, false).toFloatArray();
    }

    @Test
    void clsTakesTheFirstToken() {
        assertArrayEquals(new float[] {1, 2, -1, 1}, pool("cls"));
    }

    @Test
    void meanAveragesRealTokensOnly() {
        assertArrayEquals(new float[] {3, -2f / 3, 0.5f, 1.5f}, pool("mean"), 1e-6f);
    }

    @Test
    void maxAndMinIgnorePadding() {
        assertArrayEquals(new float[] {5, 2, 2, 2}, pool("max"));
        assertArrayEquals(new float[] {1, -4, -1, 1}, pool("min"));
    }

    @Test
    void attentionPoolingIsASoftmaxWeightedSumOverRealTokens() {
        Pooling p = Poolings.create("attention", 2, 1, 1, m);
        float[] out = p.pool(List.of(states), mask, false).toFloatArray();
        // independent computation from the same parameters
        float[] w0 = p.namedParameters().get("head.pool.attention.0.weight").getArray().toFloatArray();
        float[] w3 = p.namedParameters().get("head.pool.attention.3.weight").getArray().toFloatArray();
        for (int b = 0; b < 2; b++) {
            int tokens = b == 0 ? 3 : 2;
            double[] score = new double[tokens];
            for (int t = 0; t < tokens; t++) {
                double[] h = {last[(b * 3 + t) * 2], last[(b * 3 + t) * 2 + 1]};
                double[] a = {w0[0] * h[0] + w0[1] * h[1], w0[2] * h[0] + w0[3] * h[1]}; // biases start at 0
                double mu = (a[0] + a[1]) / 2;
                double var = ((a[0] - mu) * (a[0] - mu) + (a[1] - mu) * (a[1] - mu)) / 2;
                double s = 0;
                for (int k = 0; k < 2; k++) {
                    double n = (a[k] - mu) / Math.sqrt(var + 1e-5);
                    double gelu = 0.5 * n * (1 + erf(n / Math.sqrt(2)));
                    s += w3[k] * gelu;
                }
                score[t] = s;
            }
            double max = java.util.Arrays.stream(score).max().orElseThrow();
            double z = java.util.Arrays.stream(score).map(x -> Math.exp(x - max)).sum();
            for (int k = 0; k < 2; k++) {
                double v = 0;
                for (int t = 0; t < tokens; t++) {
                    v += Math.exp(score[t] - max) / z * last[(b * 3 + t) * 2 + k];
                }
                assertEquals(v, out[b * 2 + k], 1e-4, "example " + b + " dim " + k);
            }
        }
    }

    @Test
    void weightedLayerMixesTheTopLayersByTheirNormalisedWeightsThenTakesTheFirstToken() {
        NDArray lower = states.mul(2f);
        NDArray bottom = states.mul(100f); // not among the top 2: must not count
        Pooling p = Poolings.create("weighted_layer", 2, 3, 2, m);
        p.namedParameters().get("head.pool.layer_weights").getArray().set(new float[] {1f, 3f});
        float[] out = p.pool(List.of(bottom, lower, states), mask, false).toFloatArray();
        // (1 * 2h + 3 * h) / 4 = 1.25 h at token 0
        assertArrayEquals(new float[] {1.25f, 2.5f, -1.25f, 1.25f}, out, 1e-6f);
    }

    /**
     * GeM with p = 3 by hand (the FB3 first-place head): per hidden unit, the cube root of the mean
     * cube of the real tokens' states clamped at 1e-6. Example 0, unit 0: (1 + 27 + 125) / 3 = 51,
     * cube root 3.70843; unit 1: 2, -4 and 0 clamp to 2, 1e-6, 1e-6: (8 / 3)^(1/3) = 1.38672.
     * Example 1 (its padding token (100, -100) must not count): unit 0: (1e-18 + 8) / 2 = 4,
     * 1.58740; unit 1: (1 + 8) / 2 = 4.5, 1.65096.
     */
    @Test
    void gemIsTheCubeRootOfTheMeanCubeOfTheClampedRealTokensAtItsStart() {
        assertArrayEquals(new float[] {3.708430f, 1.386722f, 1.587401f, 1.650964f}, pool("gem"), 2e-5f);
    }

    /**
     * The exponent's gradient against its closed form: for y = (S / n)^(1/p) with S = sum_t x_t^p,
     * dy/dp = y (S'/(p S) - ln(S / n) / p^2), S' = sum_t x_t^p ln x_t; the loss is the sum of all
     * four outputs, so p's gradient is the sum of the four dy/dp (clamped entries add 1e-18 ln 1e-6,
     * which float32 cannot see).
     */
    @Test
    void gemsExponentGetsTheGradientOfItsClosedForm() {
        Pooling gem = Poolings.create("gem", 2, 1, 1, m);
        Parameter p = gem.namedParameters().get("head.pool.gem.p");
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(gem.pool(List.of(states), mask, true).sum());
        }
        double[][][] tokens = {{{1, 3, 5}, {2, 1e-6, 1e-6}}, {{1e-6, 2}, {1, 2}}}; // [example][unit][token]
        double expected = 0;
        double e = 3;
        for (double[][] example : tokens) {
            for (double[] unit : example) {
                double s = 0;
                double ds = 0;
                for (double x : unit) {
                    s += Math.pow(x, e);
                    ds += Math.pow(x, e) * Math.log(x);
                }
                double n = unit.length;
                double y = Math.pow(s / n, 1 / e);
                expected += y * (ds / (e * s) - Math.log(s / n) / (e * e));
            }
        }
        try (NDArray g = p.getArray().getGradient()) {
            assertEquals(expected, g.getFloat(0), 1e-4);
        }
    }

    @Test
    void gemAtExponentOneIsTheMeanOfTheClampedStates() {
        Pooling gem = Poolings.create("gem", 2, 1, 1, m);
        gem.namedParameters().get("head.pool.gem.p").getArray().set(new float[] {1f});
        // unit 1 of example 0: (2 + 1e-6 + 1e-6) / 3; example 1 unit 0: (1e-6 + 2) / 2
        assertArrayEquals(new float[] {3, 2f / 3, 1, 1.5f}, gem.pool(List.of(states), mask, false).toFloatArray(), 1e-5f);
    }

    @Test
    void gradientsReachEveryHeadParameter() {
        NDArray wide = m.randomNormal(new Shape(2, 3, 4));
        for (String name : List.of("attention", "gem", "weighted_layer")) {
            TaskHead head = new TaskHead(Poolings.create(name, 4, 2, 2, m), 4, 3, 0.1f, m);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(head.forward(List.of(wide.mul(0.5f), wide), mask, true).square().sum());
            }
            for (Parameter param : head.namedParameters().values()) {
                try (NDArray g = param.getArray().getGradient()) {
                    assertTrue(g.abs().sum().getFloat() > 0, name + ": no gradient for " + param.getName());
                    g.muli(0);
                }
            }
        }
    }

    @Test
    void tooManyPoolingLayersIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Poolings.create("weighted_layer", 2, 7, 9, m));
        assertEquals("model.pooling_layers must be <= the number of hidden states (7), but got 9", e.getMessage());
    }

    private static double erf(double x) {
        // Abramowitz-Stegun 7.1.26 is too coarse for 1e-4; integrate instead
        int n = 2000;
        double h = x / n;
        double s = 0;
        for (int i = 0; i <= n; i++) {
            double t = i * h;
            s += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * Math.exp(-t * t);
        }
        return 2 / Math.sqrt(Math.PI) * s * h / 3;
    }
}
