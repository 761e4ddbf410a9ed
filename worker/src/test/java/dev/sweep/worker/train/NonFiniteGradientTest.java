package dev.sweep.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.worker.data.TaskData;
import dev.sweep.worker.data.TextTokenizer;
import dev.sweep.worker.head.Poolings;
import dev.sweep.worker.head.TaskHead;
import dev.sweep.worker.loss.Losses;
import dev.sweep.worker.model.Encoder;
import dev.sweep.worker.model.Pretrained;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** A step whose gradient norm is not finite is dropped; three in a row end the trial. */
class NonFiniteGradientTest {
    @TempDir
    Path dir;

    /** Poisons the head's gradient after the backward pass of the given (1-based) steps. */
    private TrainingLoop.Outcome run(Set<Integer> poisoned, float[][] headBeforeAndAfterStep2, double maxGradNorm)
            throws Exception {
        Path model = TinyModels.folder(dir.resolve("m"), 1, 16, 0.0);
        SyntheticData.classification(dir.resolve("d.csv"), 40, 2);
        Files.writeString(dir.resolve("t.yaml"), """
                task: {type: classification, train: d.csv, text: [text], targets: [label], max_length: 16,
                       validation: {fraction: 0.2}}
                training: {epochs: 1, batch_size: 8, lr: 1.0e-3, max_steps: 4, max_grad_norm: %s}
                output: out
                """.formatted(maxGradNorm));
        TrialConfig c = Codec.readYaml(dir.resolve("t.yaml"), TrialConfig.class);
        Pretrained p = Pretrained.folder(model);
        try (NDManager m = NDManager.newBaseManager();
                TextTokenizer tok = TextTokenizer.fromJson(new ByteArrayInputStream(p.tokenizerJson()), 16)) {
            TaskData data = TaskData.load(c.task(), dir, tok);
            TextModel tm = new TextModel(Encoder.fromWeights(p.config(), p.weights(), m, "tiny"),
                    new TaskHead(Poolings.create("mean", 16, 2, 1, m), 16, 2, 0f, m));
            NDArray head = tm.namedParameters().get("head.fc.weight").getArray();
            int[] backward = {0};
            StepObserver poison = new StepObserver() {
                @Override
                public void afterBackward(StepContext context) {
                    backward[0]++;
                    if (backward[0] == 2) {
                        headBeforeAndAfterStep2[0] = head.toFloatArray();
                    }
                    if (poisoned.contains(backward[0])) {
                        try (NDArray g = head.getGradient()) {
                            g.set(new ai.djl.ndarray.index.NDIndex("0, 0"), Float.NaN);
                        }
                    }
                }

                @Override
                public void afterStep(StepContext context) {
                    if (headBeforeAndAfterStep2[1] == null && backward[0] >= 2) {
                        headBeforeAndAfterStep2[1] = head.toFloatArray();
                    }
                }
            };
            return new TrainingLoop(tm, data, c.training(), Losses.create("ce"), false, List.of(poison), x -> { }, m)
                    .run();
        }
    }

    /** With clipping on (the default) and off: the finiteness check does not depend on clipping. */
    @ParameterizedTest(name = "max_grad_norm {0}")
    @ValueSource(doubles = {1.0, 0.0})
    void aStepWithANonFiniteGradientIsSkippedAndCounted(double maxGradNorm) throws Exception {
        float[][] head = new float[2][];
        TrainingLoop.Outcome outcome = run(Set.of(2), head, maxGradNorm);
        assertEquals(1, outcome.skippedSteps());
        assertEquals(3, outcome.steps(), "4 batches, one dropped");
        // after the next applied step the weights moved and are finite: the dropped step's NaN
        // was cleared from the gradient buffer instead of spreading into them
        for (float v : head[1]) {
            assertTrue(Float.isFinite(v));
        }
        assertTrue(!java.util.Arrays.equals(head[0], head[1]));
    }

    @Test
    void threeNonFiniteStepsInARowEndTheTrial() {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> run(Set.of(1, 2, 3), new float[2][], 1.0));
        assertTrue(e.getMessage().contains("for the 3th step in a row"), e.getMessage());
    }
}
