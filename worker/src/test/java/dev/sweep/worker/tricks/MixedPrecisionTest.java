package dev.sweep.worker.tricks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.worker.data.TaskData;
import dev.sweep.worker.data.TextTokenizer;
import dev.sweep.worker.head.Poolings;
import dev.sweep.worker.head.TaskHead;
import dev.sweep.worker.loss.Losses;
import dev.sweep.worker.model.Encoder;
import dev.sweep.worker.model.Pretrained;
import dev.sweep.worker.train.Pass;
import dev.sweep.worker.train.SyntheticData;
import dev.sweep.worker.train.TextModel;
import dev.sweep.worker.train.TinyModels;
import dev.sweep.worker.train.TrainingExtension;
import dev.sweep.worker.train.TrainingLoop;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mixed precision, checked on the CPU, where libtorch computes fp16 slowly but correctly: the tiny
 * model is small enough. Real trials refuse amp on a CPU (see {@code LoopTricksTest}).
 */
class MixedPrecisionTest {
    @TempDir
    Path dir;

    /** The plain pass the loop builds: the task loss, multiplied by the scale before backward. */
    private static Pass plainPass(TinySetup s, List<DataType> seen) {
        return (batch, lossScale) -> {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                seen.add(s.model.arrays().of(s.parameter("encoder.layer.0.attention.self.query.weight")).getDataType());
                NDArray value = s.loss.compute(s.model.forward(batch, true), batch.targets());
                collector.backward(value.mul(lossScale));
                return value.getFloat();
            }
        };
    }

    @Test
    void aPassComputesInFp16AndLeavesUnscaledFp32GradientsOnTheFp32Weights() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinySetup s = new TinySetup(m, 0.0);
            float fp32Loss = s.forwardBackward();
            Map<String, float[]> reference = s.gradients();
            s.zeroGradients();

            MixedPrecision amp = new MixedPrecision(1024, 2000, m);
            amp.beforeTraining(s.context(1, 0));
            List<DataType> seen = new java.util.ArrayList<>();
            float loss = amp.pass(plainPass(s, seen)).run(s.batch, 1f);

            assertEquals(List.of(DataType.FLOAT16), seen, "the forward pass reads fp16 stand-ins");
            assertEquals(fp32Loss, loss, 2e-3 * Math.abs(fp32Loss), "the loss, unscaled, as in fp32");
            Map<String, float[]> grads = s.gradients();
            double worst = 0;
            double largest = 0;
            for (float[] g : reference.values()) {
                double n = 0;
                for (float v : g) {
                    n += v * v;
                }
                largest = Math.max(largest, Math.sqrt(n));
            }
            for (Map.Entry<String, float[]> e : reference.entrySet()) {
                Parameter p = s.parameter(e.getKey());
                assertEquals(DataType.FLOAT32, p.getArray().getDataType(), e.getKey() + " stays fp32");
                assertEquals(DataType.FLOAT32, s.model.arrays().of(p).getDataType(), "stand-ins end with the pass");
                float[] want = e.getValue();
                float[] got = grads.get(e.getKey());
                double error = 0;
                double norm = 0;
                for (int i = 0; i < want.length; i++) {
                    error += (got[i] - want[i]) * (got[i] - want[i]);
                    norm += want[i] * want[i];
                }
                // fp16 activations carry ~3 significant digits through two layers: a few percent in
                // the L2 sense; a gradient left scaled would be off by a factor of 1024. Gradients that
                // are zero in exact arithmetic (the key bias: softmax ignores a shift shared by all
                // keys) are float noise in both, so they are measured against the model's largest.
                double relative = Math.sqrt(error) / Math.max(Math.sqrt(norm), 1e-3 * largest);
                assertTrue(relative < 0.05, e.getKey() + ": relative L2 error " + relative);
                worst = Math.max(worst, relative);
            }
            System.out.printf("amp: worst relative L2 error of a gradient against fp32: %.4f%n", worst);
            assertTrue(amp.acceptStep(s.context(1, 0)), "finite gradients: the step is taken");
            assertEquals(1024, amp.scale());
        }
    }

    @Test
    void anOverflowDropsTheStepAndHalvesTheScaleAndCleanStepsGrowIt() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinySetup s = new TinySetup(m, 0.0);
            // 2^24 times gradients of order 0.01-1 is far above fp16's 65504
            MixedPrecision amp = new MixedPrecision(1 << 24, 2, m);
            amp.beforeTraining(s.context(1, 0));
            Pass pass = amp.pass(plainPass(s, new java.util.ArrayList<>()));
            pass.run(s.batch, 1f);
            assertFalse(amp.acceptStep(s.context(1, 0)));
            assertEquals(1 << 23, amp.scale());
            assertEquals(1, amp.overflows());

            s.zeroGradients();
            MixedPrecision small = new MixedPrecision(1, 2, m);
            small.beforeTraining(s.context(1, 0));
            Pass clean = small.pass(plainPass(s, new java.util.ArrayList<>()));
            for (int k = 0; k < 2; k++) {
                clean.run(s.batch, 1f);
                assertTrue(small.acceptStep(s.context(1, k)));
            }
            assertEquals(2, small.scale(), "doubled after growth_interval clean steps");
            assertEquals(0, small.overflows());
        }
    }

    private TrialConfig config(int rows, int epochs) throws IOException {
        TinyModels.folder(dir.resolve("tiny"), 2, 16, 0.1);
        SyntheticData.classification(dir.resolve("data.csv"), rows, 8);
        Path f = dir.resolve("trial.yaml");
        Files.writeString(f, """
                task: {type: classification, train: data.csv, text: [text], targets: [label], max_length: 16,
                       validation: {fraction: 0.25, seed: 1}}
                model: {source: tiny, pooling: mean}
                training: {epochs: %d, batch_size: 8, lr: 1.0e-2, head_lr: 1.0e-2, max_grad_norm: 1.0, seed: 4}
                output: out
                """.formatted(epochs));
        return Codec.readYaml(f, TrialConfig.class);
    }

    /** Runs the real loop with amp on the tiny model; returns the outcome, the hook, and the weights before and after. */
    private record Run(TrainingLoop.Outcome outcome, MixedPrecision amp, Map<String, float[]> before,
            Map<String, float[]> after) {}

    private Run train(int rows, int epochs, double initialScale) throws IOException {
        return train(rows, epochs, m -> new MixedPrecision(initialScale, 2000, m), List.of());
    }

    private Run train(int rows, int epochs, java.util.function.Function<NDManager, MixedPrecision> amp,
            List<String> otherTricks) throws IOException {
        TrialConfig c = config(rows, epochs);
        Pretrained p = Pretrained.folder(dir.resolve("tiny"));
        try (NDManager m = NDManager.newBaseManager();
                TextTokenizer tok = TextTokenizer.fromJson(new ByteArrayInputStream(p.tokenizerJson()), 16)) {
            TaskData data = TaskData.load(c.task(), dir, tok);
            TextModel model = new TextModel(Encoder.fromWeights(p.config(), p.weights(), m, "tiny"),
                    new TaskHead(Poolings.create("mean", 16, 3, 1, m), 16, 2, 0.1f, m));
            Map<String, float[]> before = new java.util.LinkedHashMap<>();
            model.namedParameters().forEach((n, w) -> before.put(n, w.getArray().toFloatArray()));
            MixedPrecision hook = amp.apply(m);
            List<TrainingExtension> hooks = new java.util.ArrayList<>();
            if (!otherTricks.isEmpty()) {
                // built as a GPU worker builds them, amp included, in the order Tricks gives
                Map<String, Map<String, Object>> tricks = new java.util.LinkedHashMap<>();
                otherTricks.forEach(t -> tricks.put(t, Map.of()));
                tricks.put("amp", Map.of("init_scale", 4096));
                hooks.addAll(Tricks.create(tricks, new TrickEnvironment(model, c.task().type(), Losses.create("ce"),
                        c.training(), true, dir), m));
                hook = (MixedPrecision) hooks.get(hooks.size() - 1);
            } else {
                hooks.add(hook);
            }
            TrainingLoop.Outcome outcome = new TrainingLoop(model, data, c.training(), Losses.create("ce"), false,
                    hooks, x -> { }, m).run();
            Map<String, float[]> after = new java.util.LinkedHashMap<>();
            model.namedParameters().forEach((n, w) -> {
                assertEquals(DataType.FLOAT32, w.getArray().getDataType(), n);
                after.put(n, w.getArray().toFloatArray());
            });
            return new Run(outcome, hook, before, after);
        }
    }

    @Test
    void stepsThatOverflowChangeNoWeight() throws IOException {
        // 3 batches at scales 2^24, 2^23, 2^22: every step overflows
        Run r = train(32, 1, 1 << 24);
        assertEquals(0, r.outcome().steps());
        assertEquals(3, r.outcome().skippedSteps());
        assertEquals(3, r.amp().overflows());
        r.before().forEach((n, w) -> assertArrayEquals(w, r.after().get(n), n + " must not change"));
    }

    @Test
    void trainingWithAmpLowersTheScaleUntilGradientsFitThenLearns() throws IOException {
        Run r = train(160, 2, 1 << 24);
        TrainingLoop.Outcome o = r.outcome();
        assertTrue(r.amp().overflows() > 0, "2^24 overflows at first");
        assertEquals(r.amp().overflows(), o.skippedSteps());
        assertEquals(30 - o.skippedSteps(), o.steps());
        assertTrue(o.steps() > 10, "then steps are taken: " + o.steps());
        assertTrue(r.amp().scale() < 1 << 24);
        assertTrue(o.history().stream().allMatch(p -> Double.isFinite(p.trainLoss())), o.history().toString());
        assertFalse(java.util.Arrays.equals(r.before().get("head.fc.weight"), r.after().get("head.fc.weight")));
        assertFalse(java.util.Arrays.equals(r.before().get("embeddings.word_embeddings.weight"),
                r.after().get("embeddings.word_embeddings.weight")));
    }

    @Test
    void ampRunsTogetherWithEveryTrickThatTrains() throws IOException {
        Run r = train(96, 1, m -> null, List.of("fgm", "pgd", "awp", "rdrop", "ema", "swa", "llrd",
                "multi_sample_dropout", "grad_accum", "reinit_layers"));
        TrainingLoop.Outcome o = r.outcome();
        assertTrue(o.steps() > 0, "steps " + o.steps());
        assertTrue(o.history().stream().allMatch(p -> Double.isFinite(p.trainLoss())), o.history().toString());
        r.after().forEach((n, w) -> {
            for (float v : w) {
                assertTrue(Float.isFinite(v), n);
            }
        });
        assertFalse(java.util.Arrays.equals(r.before().get("encoder.layer.0.output.dense.weight"),
                r.after().get("encoder.layer.0.output.dense.weight")));
    }
}
