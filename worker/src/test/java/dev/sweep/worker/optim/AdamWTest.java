package dev.sweep.worker.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.sweep.worker.model.Parameters;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdamWTest {
    NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    /** Backward of sum(w * c) leaves exactly c as w's gradient. */
    private void setGradient(Parameter p, float[] c) {
        try (NDManager scope = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray coef = scope.create(c, p.getArray().getShape());
            gc.backward(coef.mul(p.getArray()).sum());
        }
    }

    @Test
    void threeStepsMatchTorchAdamWComputedInDoublePrecision() {
        float[] w0 = {0.5f, -1.0f, 2.0f, 0.001f};
        float[][] grads = {{0.1f, -0.2f, 0.3f, 1e-4f}, {-0.05f, 0.4f, 0.1f, 2e-4f}, {0.2f, 0.2f, -0.3f, -1e-4f}};
        double lr = 1e-2;
        double wd = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-6;
        Parameter p = Parameters.trainable("x.weight", Parameter.Type.WEIGHT, m.create(w0, new Shape(4)));
        double[] w = new double[4];
        double[] mean = new double[4];
        double[] var = new double[4];
        for (int i = 0; i < 4; i++) {
            w[i] = w0[i];
        }
        try (AdamW opt = new AdamW(List.of(new TrainableParameter("x.weight", p, lr, wd)), b1, b2, eps)) {
            for (int t = 1; t <= 3; t++) {
                setGradient(p, grads[t - 1]);
                opt.step(1.0);
                for (int i = 0; i < 4; i++) {
                    double g = grads[t - 1][i];
                    w[i] -= lr * wd * w[i];
                    mean[i] = b1 * mean[i] + (1 - b1) * g;
                    var[i] = b2 * var[i] + (1 - b2) * g * g;
                    double mHat = mean[i] / (1 - Math.pow(b1, t));
                    double vHat = var[i] / (1 - Math.pow(b2, t));
                    w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
                }
            }
            assertEquals(3, opt.stepCount());
        }
        float[] actual = p.getArray().toFloatArray();
        for (int i = 0; i < 4; i++) {
            assertEquals(w[i], actual[i], 1e-6 * Math.max(1, Math.abs(w[i])), "element " + i);
        }
    }

    @Test
    void decayIsDecoupledAndSkippedWhereWeightDecayIsZero() {
        Parameter decayed = Parameters.trainable("a.weight", Parameter.Type.WEIGHT, m.create(new float[] {2f, -4f}));
        Parameter kept = Parameters.trainable("a.bias", Parameter.Type.BIAS, m.create(new float[] {2f, -4f}));
        try (AdamW opt = new AdamW(List.of(new TrainableParameter("a.weight", decayed, 0.1, 0.5),
                new TrainableParameter("a.bias", kept, 0.1, 0.0)), 0.9, 0.999, 1e-8)) {
            setGradient(decayed, new float[] {0f, 0f});
            setGradient(kept, new float[] {0f, 0f});
            opt.step(1.0);
        }
        // zero gradient: only the decay moves the weight, w * (1 - lr * wd) = w * 0.95
        assertArrayEquals(new float[] {1.9f, -3.8f}, decayed.getArray().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {2f, -4f}, kept.getArray().toFloatArray());
    }

    @Test
    void eachParameterMovesByItsOwnLearningRateTimesTheScheduleFactor() {
        // Adam's first step moves every element by lr (m_hat / sqrt(v_hat) = sign(g)), up to eps
        Parameter a = Parameters.trainable("a", Parameter.Type.WEIGHT, m.create(new float[] {1f, 1f}));
        Parameter b = Parameters.trainable("b", Parameter.Type.WEIGHT, m.create(new float[] {1f, 1f}));
        try (AdamW opt = new AdamW(List.of(new TrainableParameter("a", a, 1e-3, 0),
                new TrainableParameter("b", b, 4e-3, 0)), 0.9, 0.999, 1e-12)) {
            setGradient(a, new float[] {0.3f, -2f});
            setGradient(b, new float[] {0.3f, -2f});
            opt.step(0.5);
        }
        assertArrayEquals(new float[] {1f - 5e-4f, 1f + 5e-4f}, a.getArray().toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {1f - 2e-3f, 1f + 2e-3f}, b.getArray().toFloatArray(), 1e-7f);
    }

    @Test
    void theStepZeroesTheGradients() {
        Parameter a = Parameters.trainable("a", Parameter.Type.WEIGHT, m.create(new float[] {1f, 1f}));
        try (AdamW opt = new AdamW(List.of(new TrainableParameter("a", a, 1e-3, 0)), 0.9, 0.999, 1e-8)) {
            setGradient(a, new float[] {0.3f, -2f});
            opt.step(1.0);
        }
        try (NDArray g = a.getArray().getGradient()) {
            assertArrayEquals(new float[] {0f, 0f}, g.toFloatArray());
        }
    }

    @Test
    void decayRulesExcludeBiasesAndLayerNorm() {
        assertTrue(TrainableParameter.decays("encoder.layer.0.attention.self.query.weight", Parameter.Type.WEIGHT));
        assertFalse(TrainableParameter.decays("encoder.layer.0.attention.self.query.bias", Parameter.Type.BIAS));
        assertFalse(TrainableParameter.decays("embeddings.LayerNorm.weight", Parameter.Type.GAMMA));
        assertFalse(TrainableParameter.decays("head.pool.attention.1.weight", Parameter.Type.GAMMA));
    }
}
