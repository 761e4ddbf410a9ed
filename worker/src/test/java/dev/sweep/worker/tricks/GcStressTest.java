package dev.sweep.worker.tricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.worker.data.TaskData;
import dev.sweep.worker.data.TextTokenizer;
import dev.sweep.worker.head.Poolings;
import dev.sweep.worker.head.TaskHead;
import dev.sweep.worker.loss.Losses;
import dev.sweep.worker.model.BertEncoder;
import dev.sweep.worker.model.Encoder;
import dev.sweep.worker.model.Pretrained;
import dev.sweep.worker.train.Objective;
import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.DebertaFolders;
import dev.sweep.worker.train.SyntheticData;
import dev.sweep.worker.train.TextModel;
import dev.sweep.worker.train.ObjectivePolicy;
import dev.sweep.worker.train.TrainingExtension;
import dev.sweep.worker.train.TrainingListener;
import dev.sweep.worker.train.TrainingLoop;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A garbage collection between the forward and the backward pass must not change a single bit of
 * the gradients. DJL frees the Java buffer behind a number it wraps in a tensor when the op returns
 * (docs/memory-safety.md), so a constant that autograd saved is read after a collection from
 * freed memory. One real optimizer step of the embedded model, for the base recipe and every
 * trick, runs twice from the same weights and seed: once as it is, once with full collections
 * forced (and the JVM's reference processing, which frees direct buffers, run to completion)
 * after every forward pass of the step; every parameter's gradient before the optimizer step
 * must be bit-identical. On the code before the fix (BertEncoder scaled the query with
 * {@code mul(float)}) every case failed.
 */
class GcStressTest {
    private static final Cleaner CLEANER = Cleaner.create();

    @TempDir
    static Path dir;

    static Pretrained embedded;

    @BeforeAll
    static void load() {
        embedded = Pretrained.embedded();
        SyntheticData.classification(dir.resolve("data.csv"), 24, 3);
        SyntheticData.regression(dir.resolve("scores.csv"), 24, 2);
    }

    static Stream<Arguments> recipes() {
        return Stream.of(
                recipe("base", "", "classification", "embedded"),
                recipe("base-smooth_l1", "", "regression", "embedded"),
                recipe("fgm", "fgm: {epsilon: 1.0}", "classification", "embedded"),
                recipe("pgd", "pgd: {epsilon: 1.0, alpha: 0.3, steps: 2}", "classification", "embedded"),
                recipe("awp", "awp: {adv_lr: 1.0, adv_eps: 0.2}", "classification", "embedded"),
                recipe("rdrop", "rdrop: {alpha: 1.0}", "classification", "embedded"),
                recipe("rdrop-regression", "rdrop: {alpha: 1.0}", "regression", "embedded"),
                recipe("ema", "ema: {decay: 0.9}", "classification", "embedded"),
                recipe("swa", "swa: {start: 0.0, every_steps: 1}", "classification", "embedded"),
                recipe("llrd", "llrd: {decay: 0.9}", "classification", "embedded"),
                recipe("multi_sample_dropout", "multi_sample_dropout: {samples: 3}", "classification", "embedded"),
                recipe("reinit_layers", "reinit_layers: {layers: 1}", "classification", "embedded"),
                recipe("freeze_layers", "freeze_layers: {layers: 2}", "classification", "embedded"),
                recipe("grad_accum", "grad_accum: {steps: 2}", "classification", "embedded"),
                recipe("amp", "amp: {init_scale: 1024}", "classification", "embedded"),
                // DeBERTa: its relative-position index tables and the relative-position table's ops
                recipe("deberta-v3-base", "", "classification", "deberta-v3-tiny"),
                recipe("deberta-v3-fgm-llrd", "fgm: {epsilon: 1.0}, llrd: {decay: 0.9}", "classification",
                        "deberta-v3-tiny"),
                recipe("deberta-v2-base-smooth_l1", "", "regression", "deberta-v2-tiny"),
                recipe("deberta-v2-rdrop", "rdrop: {alpha: 1.0}", "classification", "deberta-v2-tiny"),
                // the parameterised poolings: GeM's learnable exponent, attention's scorer, the layer weights
                Arguments.of("pool-gem", "", "regression", "embedded", "gem"),
                Arguments.of("pool-attention", "", "regression", "embedded", "attention"),
                Arguments.of("pool-weighted_layer", "", "regression", "embedded", "weighted_layer"));
    }

    private static Arguments recipe(String name, String tricks, String task, String model) {
        return Arguments.of(name, tricks, task, model, "mean");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void collectionsBetweenForwardAndBackwardChangeNoGradientBit(String name, String tricks, String task, String model,
            String pooling) throws IOException {
        Pretrained pretrained = model.equals("embedded") ? embedded
                : Pretrained.folder(DebertaFolders.folder(dir.resolve(model), model));
        Map<String, float[]> quiet = gradientsOfOneStep(name, tricks, task, pretrained, pooling, false);
        Map<String, float[]> collected = gradientsOfOneStep(name, tricks, task, pretrained, pooling, true);
        assertFalse(quiet.isEmpty(), "no gradient was captured");
        assertEquals(quiet.keySet(), collected.keySet());
        List<String> differing = new ArrayList<>();
        for (String p : quiet.keySet()) {
            if (!bitIdentical(quiet.get(p), collected.get(p))) {
                differing.add(p);
            }
        }
        assertTrue(differing.isEmpty(), name + ": " + differing.size() + " of " + quiet.size()
                + " gradients changed after a collection, e.g. " + differing.subList(0, Math.min(4, differing.size())));
    }

    static boolean bitIdentical(float[] a, float[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** The gradients of every parameter after all passes of the first step, before the optimizer reads them. */
    private Map<String, float[]> gradientsOfOneStep(String name, String tricks, String task, Pretrained pretrained,
            String pooling, boolean collect)
            throws IOException {
        boolean regression = task.equals("regression");
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, """
                task: {type: %s, train: %s, text: [text], targets: [%s], max_length: 16,
                       validation: {fraction: 0.25}}
                training: {epochs: 1, batch_size: 4, eval_batch_size: 16, max_steps: 1, seed: 7, loss: %s}
                tricks: {%s}
                output: out
                """.formatted(task, regression ? "scores.csv" : "data.csv", regression ? "a, b" : "label",
                regression ? "smooth_l1" : "ce", tricks));
        TrialConfig c = Codec.readYaml(f, TrialConfig.class);
        Map<String, float[]> gradients = new LinkedHashMap<>();
        Engine.getInstance().setRandomSeed(7);
        try (NDManager m = NDManager.newBaseManager();
                TextTokenizer tok = TextTokenizer.fromJson(new ByteArrayInputStream(pretrained.tokenizerJson()), 16)) {
            TaskData data = TaskData.load(c.task(), dir, tok);
            Encoder encoder = pretrained.encoder(m);
            int hidden = encoder.hiddenSize();
            TextModel model = new TextModel(encoder, new TaskHead(
                    Poolings.create(pooling, hidden, encoder.numLayers() + 1, 2, m), hidden, data.numOutputs(), 0.1f, m));
            List<TrainingExtension> hooks = new ArrayList<>(Tricks.create(c.tricks(), new TrickEnvironment(model,
                    c.task().type(), Losses.create(c.training().loss()), c.training(), name.equals("amp"), dir), m));
            hooks.add(new ObjectivePolicy() {
                @Override
                public Objective objective(Objective inner) {
                    // the outermost objective: runs after every forward pass of the step, extra passes included
                    return batch -> {
                        NDArray loss = inner.loss(batch);
                        if (collect) {
                            collectFully();
                        }
                        return loss;
                    };
                }

                @Override
                public boolean acceptStep(StepContext context) {
                    model.namedParameters().forEach((p, parameter) -> {
                        if (parameter.getArray().hasGradient()) {
                            try (NDArray g = parameter.getArray().getGradient()) {
                                gradients.put(p, g.toFloatArray());
                            }
                        }
                    });
                    return true;
                }
            });
            new TrainingLoop(model, data, c.training(), Losses.create(c.training().loss()), false, hooks,
                    p -> { }, m).run();
        }
        return gradients;
    }

    /**
     * Two full collections, each waited out until the reference handler has run: a direct
     * buffer's memory is freed by the reference handler thread after the collection that found it
     * unreachable, and the handler takes each collection's references as one batch, so once a
     * sentinel from the second collection has been cleaned, every buffer the first one found is
     * freed.
     */
    static void collectFully() {
        for (int round = 0; round < 2; round++) {
            CountDownLatch cleaned = new CountDownLatch(1);
            CLEANER.register(new Object(), cleaned::countDown);
            try {
                do {
                    System.gc();
                } while (!cleaned.await(20, TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for reference processing", e);
            }
        }
    }
}
