package dev.sweep.worker.tricks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.sweep.worker.train.StepContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdversarialTricksTest {
    static final String EMB = "embeddings.word_embeddings.weight";
    NDManager m;
    TinySetup s;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
        s = new TinySetup(m, 0.0);
    }

    @AfterEach
    void close() {
        m.close();
    }

    private static double norm(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    private static void assertSumOfGradients(Map<String, float[]> a, Map<String, float[]> b, Map<String, float[]> actual) {
        actual.forEach((name, g) -> {
            float[] expected = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                expected[i] = a.get(name)[i] + b.get(name)[i];
            }
            assertArrayEquals(expected, g, 1e-5f, name);
        });
    }

    /** Gradients at the given embeddings alone, the model left as it was. */
    private Map<String, float[]> gradientsAt(float[] embeddings) {
        NDArray e = s.parameter(EMB).getArray();
        float[] original = e.toFloatArray();
        s.zeroGradients();
        e.set(embeddings);
        s.forwardBackward();
        Map<String, float[]> g = s.gradients();
        e.set(original);
        s.zeroGradients();
        return g;
    }

    @Test
    void fgmPerturbsByEpsilonAlongTheGradientAddsBothPassesAndRestoresExactly() {
        NDArray e = s.parameter(EMB).getArray();
        float[] clean = e.toFloatArray();
        s.forwardBackward();
        Map<String, float[]> cleanGradients = s.gradients();
        float[] g = cleanGradients.get(EMB);
        double gNorm = norm(g, new float[g.length]);
        float[] attacked = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            attacked[i] = (float) (clean[i] + 0.5 * g[i] / gNorm);
        }
        Map<String, float[]> adversarialGradients = gradientsAt(attacked);

        s.forwardBackward();
        float[][] seen = new float[1][];
        FastGradientMethod fgm = new FastGradientMethod(0.5, s.parameter(EMB), m);
        fgm.afterBackward(new StepContext(s.model, s.batch, 1, 0, 1, () -> {
            seen[0] = e.toFloatArray();
            return s.forwardBackward();
        }));
        assertEquals(0.5, norm(seen[0], clean), 1e-5, "the perturbation has norm epsilon");
        assertArrayEquals(attacked, seen[0], 1e-6f, "along g / ||g||");
        assertArrayEquals(clean, e.toFloatArray(), "restored bit for bit");
        assertSumOfGradients(cleanGradients, adversarialGradients, s.gradients());
    }

    @Test
    void fgmSkipsTheAttackWhenTheGradientIsZero() {
        float[] clean = s.parameter(EMB).getArray().toFloatArray();
        int[] calls = {0};
        new FastGradientMethod(1.0, s.parameter(EMB), m).afterBackward(new StepContext(s.model, s.batch, 1, 0, 1, () -> {
            calls[0]++;
            return 0f;
        }));
        assertEquals(0, calls[0]);
        assertArrayEquals(clean, s.parameter(EMB).getArray().toFloatArray());
    }

    @Test
    void pgdStaysInTheEpsilonBallAddsTheLastStepsGradientsAndRestoresExactly() {
        NDArray e = s.parameter(EMB).getArray();
        float[] clean = e.toFloatArray();
        s.forwardBackward();
        Map<String, float[]> cleanGradients = s.gradients();
        List<NDArray> all = s.model.namedParameters().values().stream().map(Parameter::getArray).toList();
        float[][] last = new float[1][];
        int[] calls = {0};
        ProjectedGradientDescent pgd = new ProjectedGradientDescent(0.3, 0.2, 3, s.parameter(EMB), all, m);
        pgd.afterBackward(new StepContext(s.model, s.batch, 1, 0, 1, () -> {
            calls[0]++;
            last[0] = e.toFloatArray();
            assertTrue(norm(last[0], clean) <= 0.3 + 1e-5, "inside the epsilon ball");
            return s.forwardBackward();
        }));
        assertEquals(3, calls[0], "one extra pass per ascent step");
        assertTrue(norm(last[0], clean) > 0.2, "the attack moved the embeddings");
        Map<String, float[]> finalGradients = s.gradients();
        assertArrayEquals(clean, e.toFloatArray(), "restored bit for bit");
        assertSumOfGradients(cleanGradients, gradientsAt(last[0]), finalGradients);
    }

    @Test
    void awpMovesEachWeightWithinItsRelativeBoxAndRestoresExactly() {
        Map<String, float[]> before = s.weights();
        s.forwardBackward();
        Map<String, float[]> grads = s.gradients();
        Map<String, Parameter> params = s.model.namedParameters();
        AdversarialWeightPerturbation awp = new AdversarialWeightPerturbation(1.0, 0.2, 1, params, "weight", m);
        String probe = "encoder.layer.1.intermediate.dense.weight";
        float[][] seen = new float[1][];
        awp.afterBackward(new StepContext(s.model, s.batch, 1, 0, 1, () -> {
            seen[0] = params.get(probe).getArray().toFloatArray();
            for (Map.Entry<String, Parameter> p : params.entrySet()) {
                if (!p.getKey().contains("weight")) {
                    assertArrayEquals(before.get(p.getKey()), p.getValue().getArray().toFloatArray(), p.getKey());
                }
            }
            return s.forwardBackward();
        }));
        float[] w = before.get(probe);
        float[] g = grads.get(probe);
        double gn = norm(g, new float[g.length]);
        double wn = norm(w, new float[w.length]);
        for (int i = 0; i < w.length; i++) {
            double moved = w[i] + 1.0 * g[i] / (gn + 1e-6) * (wn + 1e-6);
            double clamped = Math.min(Math.max(moved, w[i] - 0.2 * Math.abs(w[i])), w[i] + 0.2 * Math.abs(w[i]));
            assertEquals(clamped, seen[0][i], 1e-6, "element " + i);
        }
        s.weights().forEach((n, v) -> assertArrayEquals(before.get(n), v, n));
    }

    @Test
    void awpWaitsForItsStartEpoch() {
        s.forwardBackward();
        int[] calls = {0};
        new AdversarialWeightPerturbation(1.0, 0.2, 2, s.model.namedParameters(), "weight", m)
                .afterBackward(new StepContext(s.model, s.batch, 1, 0, 1, () -> calls[0]++));
        assertEquals(0, calls[0]);
    }
}
