package dev.sweep.worker.tricks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import dev.sweep.common.trial.TaskType;
import dev.sweep.worker.head.TaskHead;
import dev.sweep.worker.loss.Losses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegularisationTricksTest {
    NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    @Test
    void rdropLossForClassificationIsMeanCrossEntropyPlusAlphaTimesSymmetricKl() {
        float[] a = {2f, 0f, -1f, 0.5f, 0.5f, 1f};
        float[] b = {1f, 1f, 0f, 0f, 2f, -1f};
        long[] labels = {0, 2};
        RDrop rdrop = new RDrop(0.7, null, Losses.create("ce"), TaskType.CLASSIFICATION);
        float actual = rdrop.loss(m.create(a, new Shape(2, 3)), m.create(b, new Shape(2, 3)),
                m.create(labels, new Shape(2))).getFloat();
        double ce = 0;
        double kl = 0;
        for (int r = 0; r < 2; r++) {
            double[] p = softmax(a, r);
            double[] q = softmax(b, r);
            ce += (-Math.log(p[(int) labels[r]]) - Math.log(q[(int) labels[r]])) / 2 / 2;
            double forward = 0;
            double backward = 0;
            for (int k = 0; k < 3; k++) {
                forward += p[k] * Math.log(p[k] / q[k]);
                backward += q[k] * Math.log(q[k] / p[k]);
            }
            kl += (forward + backward) / 2 / 2;
        }
        assertEquals(ce + 0.7 * kl, actual, 1e-5);
    }

    @Test
    void rdropLossForRegressionUsesTheMseBetweenThePasses() {
        float[] a = {1f, 2f, 3f, 4f};
        float[] b = {1.5f, 2f, 2f, 5f};
        float[] t = {1f, 1f, 1f, 1f};
        float actual = new RDrop(2.0, null, Losses.create("mse"), TaskType.REGRESSION)
                .loss(m.create(a, new Shape(2, 2)), m.create(b, new Shape(2, 2)), m.create(t, new Shape(2, 2))).getFloat();
        double mseA = (0 + 1 + 4 + 9) / 4.0;
        double mseB = (0.25 + 1 + 1 + 16) / 4.0;
        double between = (0.25 + 0 + 1 + 1) / 4.0;
        assertEquals((mseA + mseB) / 2 + 2.0 * between, actual, 1e-6);
    }

    @Test
    void rdropRunsTheBatchTwiceWithIndependentDropoutAndWithoutDropoutAddsNothing() {
        TinySetup noisy = new TinySetup(m, 0.3);
        RDrop rdrop = new RDrop(1.0, noisy.model, noisy.loss, TaskType.CLASSIFICATION);
        NDArray both = noisy.model.forward(RDrop.doubled(noisy.batch), true);
        assertNotEquals(both.get("0:3").toFloatArray()[0], both.get("3:").toFloatArray()[0], "independent masks");

        TinySetup clean = new TinySetup(m, 0.0);
        RDrop plain = new RDrop(5.0, clean.model, clean.loss, TaskType.CLASSIFICATION);
        float withRDrop = plain.objective(null).loss(clean.batch).getFloat();
        float without = clean.loss.compute(clean.model.forward(clean.batch, true), clean.batch.targets()).getFloat();
        assertEquals(without, withRDrop, 1e-6, "identical passes: no disagreement, the same task loss");
    }

    @Test
    void multiSampleDropoutAveragesKDropoutSamplesInTrainingOnly() {
        TinySetup s = new TinySetup(m, 0.0);
        TaskHead head = s.model.head();
        NDArray pooled = m.randomNormal(new Shape(3, 8));
        NDArray plain = head.project(pooled, false);
        new MultiSampleDropout(4, 0.5).beforeTraining(s.context(1, 0));
        assertArrayEquals(plain.toFloatArray(), head.project(pooled, false).toFloatArray(), "evaluation unchanged");
        Engine.getInstance().setRandomSeed(77);
        float[] averaged = head.project(pooled, true).toFloatArray();
        Engine.getInstance().setRandomSeed(77);
        NDArray w = head.namedParameters().get("head.fc.weight").getArray();
        NDArray b = head.namedParameters().get("head.fc.bias").getArray();
        NDArray sum = null;
        for (int k = 0; k < 4; k++) {
            NDArray one = Linear.linear(Dropout.dropout(pooled, 0.5f, true).singletonOrThrow(), w, b).singletonOrThrow();
            sum = sum == null ? one : sum.add(one);
        }
        assertArrayEquals(sum.div(4).toFloatArray(), averaged, 1e-6f);
    }

    private static double[] softmax(float[] x, int row) {
        double[] e = new double[3];
        double z = 0;
        for (int k = 0; k < 3; k++) {
            e[k] = Math.exp(x[row * 3 + k]);
            z += e[k];
        }
        for (int k = 0; k < 3; k++) {
            e[k] /= z;
        }
        return e;
    }
}
