package dev.sweep.worker.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LossesTest {
    NDManager m;
    // predictions and targets, 2 examples x 2 targets; differences 0.5, -2, 0.25, 3
    final float[] p = {1.5f, 2f, 3.25f, 6f};
    final float[] t = {1f, 4f, 3f, 3f};

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    private float loss(String name) {
        return Losses.create(name).compute(m.create(p, new Shape(2, 2)), m.create(t, new Shape(2, 2))).getFloat();
    }

    @Test
    void mseIsTheMeanSquaredDifference() {
        double expected = (0.25 + 4 + 0.0625 + 9) / 4;
        assertEquals(expected, loss("mse"), 1e-6);
    }

    @Test
    void rmseIsTheRootOfMsePlusASmallEpsilon() {
        assertEquals(Math.sqrt((0.25 + 4 + 0.0625 + 9) / 4 + 1e-8), loss("rmse"), 1e-6);
    }

    @Test
    void smoothL1IsQuadraticBelowOneAndLinearAbove() {
        // |d| = 0.5 -> 0.125; 2 -> 1.5; 0.25 -> 0.03125; 3 -> 2.5
        assertEquals((0.125 + 1.5 + 0.03125 + 2.5) / 4, loss("smooth_l1"), 1e-6);
    }

    @Test
    void crossEntropyMatchesLogSoftmaxByHandAndStaysFiniteForHugeLogits() {
        NDArray logits = m.create(new float[] {2f, 0f, -1f, 1000f, 0f, 0f}, new Shape(2, 3));
        NDArray labels = m.create(new long[] {0, 1}, new Shape(2));
        double z = Math.exp(2) + Math.exp(0) + Math.exp(-1);
        double first = -(2 - Math.log(z));
        double second = 1000; // -(0 - 1000 - log(1 + 2e-435)) = 1000
        float value = Losses.create("ce").compute(logits, labels).getFloat();
        assertTrue(Float.isFinite(value));
        assertEquals((first + second) / 2, value, 1e-3);
    }

    @Test
    void mseGradientIsTwiceTheDifferenceOverN() {
        NDArray pred = m.create(p, new Shape(2, 2));
        pred.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(Losses.create("mse").compute(pred, m.create(t, new Shape(2, 2))));
        }
        float[] g = pred.getGradient().toFloatArray();
        float[] expected = new float[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = 2 * (p[i] - t[i]) / 4;
        }
        assertArrayEquals(expected, g, 1e-6f);
    }

    @Test
    void anUnknownLossIsRefusedWithTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.create("hinge"));
        assertEquals("training.loss must be one of ce, mse, rmse, smooth_l1, but got 'hinge'", e.getMessage());
    }
}
