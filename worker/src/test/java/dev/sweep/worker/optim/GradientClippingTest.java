package dev.sweep.worker.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
    NDManager m;
    NDArray a;
    NDArray b;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
        a = m.create(new float[] {1f, 1f});
        b = m.create(new float[] {1f});
        a.setRequiresGradient(true);
        b.setRequiresGradient(true);
        // gradients (3, 0) and (4): global norm 5
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(a.mul(m.create(new float[] {3f, 0f})).sum().add(b.mul(4f).sum()));
        }
    }

    @AfterEach
    void close() {
        m.close();
    }

    @Test
    void gradientsAboveTheLimitAreScaledToIt() {
        double norm = GradientClipping.clipGlobalNorm(List.of(a, b), 1.0);
        assertEquals(5.0, norm, 1e-6);
        float[] ga = a.getGradient().toFloatArray();
        float[] gb = b.getGradient().toFloatArray();
        assertArrayEquals(new float[] {0.6f, 0f}, ga, 1e-5f);
        assertArrayEquals(new float[] {0.8f}, gb, 1e-5f);
        assertEquals(1.0, Math.sqrt(ga[0] * ga[0] + ga[1] * ga[1] + gb[0] * gb[0]), 1e-5);
    }

    @Test
    void gradientsBelowTheLimitAreLeftAlone() {
        assertEquals(5.0, GradientClipping.clipGlobalNorm(List.of(a, b), 10.0), 1e-6);
        assertArrayEquals(new float[] {3f, 0f}, a.getGradient().toFloatArray());
        assertArrayEquals(new float[] {4f}, b.getGradient().toFloatArray());
    }
}
