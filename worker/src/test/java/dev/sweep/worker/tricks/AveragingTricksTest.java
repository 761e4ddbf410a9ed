package dev.sweep.worker.tricks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.sweep.worker.model.weights.HostTensor;
import dev.sweep.worker.train.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AveragingTricksTest {
    NDManager m;
    TinySetup s;
    final Random rng = new Random(1);

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
        s = new TinySetup(m, 0.0);
    }

    @AfterEach
    void close() {
        m.close();
    }

    /** Stands in for an optimizer step: new random weights everywhere; returns them. */
    private Map<String, float[]> step() {
        for (Parameter p : s.model.namedParameters().values()) {
            float[] v = new float[(int) p.getArray().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rng.nextGaussian();
            }
            p.getArray().set(v);
        }
        return s.weights();
    }

    /**
     * Both updates: the one-pass host update (the CPU's; whole tensors, and slices of 7 floats that
     * cut tensors anywhere) and the libtorch ops (slice 0: other devices).
     */
    @ParameterizedTest(name = "slice {0}")
    @ValueSource(ints = {ExponentialMovingAverage.DEFAULT_SLICE, 7, 0})
    void emaShadowEqualsTheClosedFormAndEvaluationSwapsItInAndOut(int slice) {
        double d = 0.9;
        ExponentialMovingAverage ema = new ExponentialMovingAverage(d, m, slice);
        Map<String, float[]> w0 = s.weights();
        ema.beforeTraining(s.context(1, 0));
        List<Map<String, float[]>> history = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            history.add(step());
            ema.afterStep(s.context(1, k));
        }
        Map<String, float[]> raw = s.weights();
        ema.beforeEval(s.context(1, 4));
        Map<String, float[]> evaluated = s.weights();
        for (String name : w0.keySet()) {
            // shadow_4 = d^4 w0 + sum_j (1 - d) d^(4 - j) w_j
            float[] expected = new float[w0.get(name).length];
            for (int i = 0; i < expected.length; i++) {
                double v = Math.pow(d, 4) * w0.get(name)[i];
                for (int j = 1; j <= 4; j++) {
                    v += (1 - d) * Math.pow(d, 4 - j) * history.get(j - 1).get(name)[i];
                }
                expected[i] = (float) v;
            }
            assertArrayEquals(expected, evaluated.get(name), 1e-5f, "evaluation sees the shadow of " + name);
        }
        ema.afterEval(s.context(1, 4));
        s.weights().forEach((n, v) -> assertArrayEquals(raw.get(n), v, "training resumes on the raw weights: " + n));
    }

    @Test
    void swaAveragesTheSnapshotsFromItsStartEveryNSteps() {
        // 10 steps, start at 0.5 -> step 5; every 2 steps -> snapshots at 5, 7, 9
        StochasticWeightAveraging swa = new StochasticWeightAveraging(0.5, 2, 1, 0.5, m);
        swa.beforeTraining(new StepContext(s.model, null, 1, 0, 10, null));
        List<Map<String, float[]>> taken = new ArrayList<>();
        for (int k = 1; k <= 10; k++) {
            Map<String, float[]> w = step();
            swa.afterStep(new StepContext(s.model, null, 1, k, 10, null));
            if (k == 5 || k == 7 || k == 9) {
                taken.add(w);
            }
        }
        assertEquals(3, swa.snapshots());
        Map<String, float[]> raw = s.weights();
        swa.beforeEval(s.context(1, 10));
        String name = "head.fc.weight";
        float[] mean = new float[taken.get(0).get(name).length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (taken.get(0).get(name)[i] + taken.get(1).get(name)[i] + taken.get(2).get(name)[i]) / 3;
        }
        assertArrayEquals(mean, s.parameter(name).getArray().toFloatArray(), 1e-5f);
        swa.afterEval(s.context(1, 10));
        s.weights().forEach((n, v) -> assertArrayEquals(raw.get(n), v, n));
        assertEquals(0.3, swa.lrFactor(4, 0.3), "the schedule holds before the start");
        assertEquals(0.5, swa.lrFactor(5, 0.3), "the constant SWA learning rate after it");
    }

    @Test
    void modelAveragingIsTheElementWiseMean() {
        Map<String, HostTensor> a = Map.of("w", new HostTensor("w", new long[] {3}, new float[] {1, 2, 3}));
        Map<String, HostTensor> b = Map.of("w", new HostTensor("w", new long[] {3}, new float[] {3, -2, 0}));
        Map<String, HostTensor> c = Map.of("w", new HostTensor("w", new long[] {3}, new float[] {2, 3, 6}));
        assertArrayEquals(new float[] {2, 1, 3}, ModelAveraging.average(List.of(a, b, c), List.of("a", "b", "c"))
                .get("w").data(), 1e-7f);
        Map<String, HostTensor> odd = Map.of("w", new HostTensor("w", new long[] {1, 3}, new float[] {1, 2, 3}));
        var e = assertThrows(RuntimeException.class, () -> ModelAveraging.average(List.of(a, odd), List.of("a", "odd")));
        assertTrue(e.getMessage().startsWith("odd: tensor w has shape [1, 3] but a has [3]"), e.getMessage());
    }
}
