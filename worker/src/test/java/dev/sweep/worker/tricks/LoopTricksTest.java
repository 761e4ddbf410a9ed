package dev.sweep.worker.tricks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.codec.ConfigException;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.worker.data.TaskData;
import dev.sweep.worker.data.TextTokenizer;
import dev.sweep.worker.head.Poolings;
import dev.sweep.worker.head.TaskHead;
import dev.sweep.worker.loss.Losses;
import dev.sweep.worker.model.Encoder;
import dev.sweep.worker.model.Pretrained;
import dev.sweep.worker.model.weights.HostTensor;
import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.SyntheticData;
import dev.sweep.worker.train.TextModel;
import dev.sweep.worker.train.TinyModels;
import dev.sweep.worker.train.StepObserver;
import dev.sweep.worker.train.TrainingExtension;
import dev.sweep.worker.train.TrainingListener;
import dev.sweep.worker.train.TrainingLoop;
import dev.sweep.worker.train.TrialRunner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tricks that act through the loop, checked on whole runs of a tiny model. */
class LoopTricksTest {
    @TempDir
    static Path dir;

    static Map<String, HostTensor> initial;

    @BeforeAll
    static void prepare() {
        Path model = TinyModels.folder(dir.resolve("tiny"), 2, 16, 0.0);
        initial = Pretrained.folder(model).weights();
        SyntheticData.classification(dir.resolve("data.csv"), 64, 8);
    }

    private static TrialConfig config(String name, String training, String tricks) throws IOException {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, """
                task: {type: classification, train: data.csv, text: [text], targets: [label], max_length: 16,
                       validation: {fraction: 0.25, seed: 1}}
                model: {source: tiny, pooling: cls}
                training: {epochs: 1, batch_size: 8, lr: 1.0e-2, head_lr: 1.0e-2, max_grad_norm: 0, seed: 4, %s}
                tricks: {%s}
                output: %s
                """.formatted(training, tricks, name));
        return Codec.readYaml(f, TrialConfig.class);
    }

    private static TrialResult run(TrialConfig c) {
        return new TrialRunner(dir, p -> { }, List.of()).run(c);
    }

    private static Map<String, HostTensor> saved(String name) {
        return Pretrained.folder(dir.resolve(name).resolve("model")).weights();
    }

    @Test
    void frozenLayersDoNotChangeAndTheOthersDo() throws IOException {
        run(config("frozen", "max_steps: 3", "freeze_layers: {layers: 1}"));
        Map<String, HostTensor> after = saved("frozen");
        initial.forEach((name, t) -> {
            boolean frozen = name.startsWith("embeddings.") || name.startsWith("encoder.layer.0.");
            boolean same = java.util.Arrays.equals(t.data(), after.get(name).data());
            assertEquals(frozen, same, name + (frozen ? " is frozen but changed" : " trains but did not change"));
        });
    }

    @Test
    void reinitialisedLayersDifferFromThePretrainedOnesAndNoOthersDo() throws IOException {
        TrialConfig c = config("reinit", "max_steps: 1", "reinit_layers: {layers: 1}, freeze_layers: {layers: 0}");
        try (NDManager m = NDManager.newBaseManager()) {
            Pretrained p = Pretrained.folder(dir.resolve("tiny"));
            TextModel model = new TextModel(Encoder.fromWeights(p.config(), p.weights(), m, "tiny"),
                    new TaskHead(Poolings.create("cls", 16, 3, 1, m), 16, 2, 0f, m));
            new ReinitLayers(1, 2, 4, model::layerOf).beforeTraining(new StepContext(model, null, 1, 0, 1, null));
            model.encoder().namedParameters().forEach((name, param) -> {
                float[] now = param.getArray().toFloatArray();
                if (!name.startsWith("encoder.layer.1.")) {
                    assertArrayEquals(initial.get(name).data(), now, name + " must stay pretrained");
                } else if (name.endsWith(".bias") || name.endsWith("LayerNorm.weight")) {
                    float reset = name.endsWith("LayerNorm.weight") ? 1f : 0f;
                    for (float v : now) {
                        assertEquals(reset, v, name);
                    }
                } else {
                    assertFalse(java.util.Arrays.equals(initial.get(name).data(), now), name + " must be re-drawn");
                    double sd = Math.sqrt(java.util.stream.IntStream.range(0, now.length)
                            .mapToDouble(i -> now[i] * now[i]).sum() / now.length);
                    assertEquals(0.02, sd, 0.006, name + " drawn from N(0, 0.02)");
                }
            });
        }
        assertEquals(1, run(c).steps());
    }

    /** Captures every parameter's gradient after the last micro-batch of the first optimizer step. */
    private static Map<String, float[]> firstStepGradients(int batch, String tricks) throws IOException {
        TrialConfig c = config("accum" + batch, "max_steps: 1, batch_size: " + batch, tricks);
        Pretrained p = Pretrained.folder(dir.resolve("tiny"));
        Map<String, float[]> grads = new java.util.LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager();
                TextTokenizer tok = TextTokenizer.fromJson(new ByteArrayInputStream(p.tokenizerJson()), 16)) {
            TaskData data = TaskData.load(c.task(), dir, tok);
            TextModel model = new TextModel(Encoder.fromWeights(p.config(), p.weights(), m, "tiny"),
                    new TaskHead(Poolings.create("cls", 16, 3, 1, m), 16, 2, 0f, m));
            // the same head for both runs: copy it from the first run's initial values
            float[] head = model.head().namedParameters().get("head.fc.weight").getArray().toFloatArray();
            java.util.Arrays.fill(head, 0.01f);
            model.head().namedParameters().get("head.fc.weight").getArray().set(head);
            StepObserver capture = new StepObserver() {
                @Override
                public void afterBackward(StepContext context) {
                    model.namedParameters().forEach((n, param) -> {
                        try (NDArray g = param.getArray().getGradient()) {
                            grads.put(n, g.toFloatArray());
                        }
                    });
                }
            };
            List<TrainingExtension> hooks = new ArrayList<>(Tricks.create(c.tricks(), new TrickEnvironment(model,
                    c.task().type(), Losses.create("ce"), c.training(), false, dir), m));
            hooks.add(capture);
            TrainingListener quiet = x -> { };
            new TrainingLoop(model, data, c.training(), Losses.create("ce"), false, hooks, quiet, m).run();
        }
        return grads;
    }

    @Test
    void fourAccumulatedMicroBatchesGiveTheGradientOfOneBatchFourTimesLarger() throws IOException {
        Map<String, float[]> big = firstStepGradients(8, "");
        Map<String, float[]> accumulated = firstStepGradients(2, "grad_accum: {steps: 4}");
        big.forEach((n, g) -> assertArrayEquals(g, accumulated.get(n), 1e-5f, n));
        assertTrue(big.get("head.fc.weight")[0] != 0);
    }

    private static String refusal(String name, String tricks) {
        String m = assertThrows(ConfigException.class, () -> config(name, "max_steps: 1", tricks)).getMessage();
        return m.substring(m.lastIndexOf('/') + 1);
    }

    /** An averaging trial: the members' config (their tricks included) plus what it averages. */
    private static TrialConfig averaging(String name, String tricks, String average) throws IOException {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, """
                task: {type: classification, train: data.csv, text: [text], targets: [label], max_length: 16,
                       validation: {fraction: 0.25, seed: 1}}
                model: {source: tiny, pooling: cls}
                training: {epochs: 1, batch_size: 8, lr: 1.0e-2, head_lr: 1.0e-2, max_grad_norm: 0, max_steps: 2}
                tricks: {%s}
                %s
                output: %s
                """.formatted(tricks, average, name));
        return Codec.readYaml(f, TrialConfig.class);
    }

    @Test
    void fmaEvaluatesTheMeanOfItsMembersWithoutTraining() throws IOException {
        run(config("member1", "max_steps: 2, seed: 1", "ema: {decay: 0.5}"));
        run(config("member2", "max_steps: 2, seed: 2", "ema: {decay: 0.5}"));
        // the members' tricks ride along (they describe the members) and are not built: nothing trains
        TrialConfig c = averaging("fma", "ema: {decay: 0.5}", "average: {members: [member1/model, member2/model]}");
        assertTrue(c.averages());
        TrialResult r = run(c);
        assertEquals(0, r.steps());
        assertEquals(1, r.history().size());
        Map<String, HostTensor> a = saved("member1");
        Map<String, HostTensor> b = saved("member2");
        saved("fma").forEach((name, t) -> {
            float[] mean = new float[t.data().length];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = (a.get(name).data()[i] + b.get(name).data()[i]) / 2;
            }
            assertArrayEquals(mean, t.data(), 1e-6f, name);
        });
        assertFalse(java.util.Arrays.equals(a.get("head.fc.weight").data(), b.get("head.fc.weight").data()));
    }

    @Test
    void aTrialWrittenWhenAveragingWasATrickStillReadsAsAnAveragingTrial() throws IOException {
        TrialConfig old = averaging("old-fma", "ema: {}, fma: {members: [a/model, b/model]}", "");
        assertEquals(List.of("a/model", "b/model"), old.average().members());
        assertEquals(Map.of("ema", Map.of()), old.tricks(), "fma is no longer a trick");
        assertEquals("average.members must name at least 2 models, but got 1", assertThrows(Exception.class,
                () -> averaging("one", "", "average: {members: [a/model]}")).getMessage().replaceAll("^.*: average", "average"));
    }

    /** Refused as the file is read, by its declaration (the coordinator reads trial configs the same way). */
    @Test
    void unknownTricksParametersAndOutOfRangeValuesAreRefusedByNameAndLine() throws IOException {
        assertEquals("bad1.yaml:7: tricks.fmg: unknown trick 'fmg'; known: [amp, awp, ema, fgm, freeze_layers, grad_accum, "
                + "llrd, multi_sample_dropout, pgd, rdrop, reinit_layers, swa]", refusal("bad1", "fmg: {}"));
        assertEquals("bad2.yaml:7: tricks.fgm: unknown parameter 'epsilom'; fgm takes [epsilon, target]",
                refusal("bad2", "fgm: {epsilom: 1}"));
        assertEquals("bad3.yaml:7: tricks.ema.decay must lie in [0.0, 0.999999], but got 1.5",
                refusal("bad3", "ema: {decay: 1.5}"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> run(config("bad4", "max_steps: 1", "amp: {dtype: bf16}"))).getMessage()
                .startsWith("tricks.amp.dtype bf16 cannot run on DJL 0.35.1"));
    }

    @Test
    void ampIsRefusedOnTheCpuBeforeTrainingButPassesTheCoordinatorsCheck() throws IOException {
        TrialConfig c = config("amp", "max_steps: 1", "amp: {}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(c)).getMessage()
                .startsWith("tricks.amp needs a CUDA device, and this worker trains on the CPU"));
        assertFalse(Files.exists(dir.resolve("amp")), "nothing written");
        // the coordinator's preflight cannot know which worker (CPU or GPU) will take the trial
        new TrialRunner(dir, p -> { }, List.of()).check(c);
    }
}
