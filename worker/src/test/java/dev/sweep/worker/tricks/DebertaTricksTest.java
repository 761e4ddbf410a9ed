package dev.sweep.worker.tricks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.worker.model.DebertaV2Encoder;
import dev.sweep.worker.model.Encoder;
import dev.sweep.worker.model.Pretrained;
import dev.sweep.worker.model.SavedModel;
import dev.sweep.worker.model.weights.HostTensor;
import dev.sweep.worker.model.weights.Safetensors;
import dev.sweep.worker.train.DebertaFolders;
import dev.sweep.worker.train.SyntheticData;
import dev.sweep.worker.train.TrialRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole trials on DeBERTa-shaped folders (the shared fixtures' weights with a word-level
 * tokenizer): the layer-aware tricks see DeBERTa's layers, FMA averages its members, and the
 * saved model is a Hugging Face folder again that loads back to the same outputs.
 */
class DebertaTricksTest {
    @TempDir
    static Path dir;

    static Map<String, HostTensor> initial;

    @BeforeAll
    static void prepare() {
        initial = Pretrained.folder(DebertaFolders.folder(dir.resolve("v3"), "deberta-v3-tiny")).weights();
        DebertaFolders.folder(dir.resolve("v2"), "deberta-v2-tiny");
        SyntheticData.classification(dir.resolve("data.csv"), 48, 5);
    }

    private static TrialConfig config(String name, String model, String training, String tricks) throws IOException {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, """
                task: {type: classification, train: data.csv, text: [text], targets: [label], max_length: 24,
                       validation: {fraction: 0.25, seed: 1}}
                model: {source: %s, pooling: mean}
                training: {epochs: 1, batch_size: 8, lr: 1.0e-2, head_lr: 1.0e-2, max_grad_norm: 0, seed: 4, %s}
                tricks: {%s}
                output: %s
                """.formatted(model, training, tricks, name));
        return Codec.readYaml(f, TrialConfig.class);
    }

    private static TrialResult run(TrialConfig c) {
        return new TrialRunner(dir, p -> { }, List.of()).run(c);
    }

    private static Map<String, HostTensor> saved(String name) {
        return Pretrained.folder(dir.resolve(name).resolve("model")).weights();
    }

    @Test
    void freezingOneLayerKeepsTheEmbeddingsTheSharedPositionTableAndLayerZero() throws IOException {
        TrialResult r = run(config("frozen", "v3", "max_steps: 3", "freeze_layers: {layers: 1}"));
        assertEquals(3, r.steps());
        Map<String, HostTensor> after = saved("frozen");
        initial.forEach((name, t) -> {
            boolean frozen = name.startsWith("embeddings.") || name.startsWith("encoder.rel_embeddings.")
                    || name.startsWith("encoder.LayerNorm.") || name.startsWith("encoder.layer.0.");
            boolean same = java.util.Arrays.equals(t.data(), after.get(name).data());
            if (frozen) {
                assertTrue(same, name + " is frozen but changed");
            } else if (name.endsWith(".weight")) {
                assertFalse(same, name + " trains but did not change");
            }
        });
    }

    @Test
    void layerwiseDecayCountsTheSharedPositionTableWithTheEmbeddings() {
        try (NDManager m = NDManager.newBaseManager()) {
            Encoder e = Pretrained.withoutTokenizer(dir.resolve("v2")).encoder(m);
            LayerwiseLrDecay llrd = new LayerwiseLrDecay(0.5, 2, e::layerOf);
            assertEquals(0.25, llrd.factor("embeddings.word_embeddings.weight"));
            assertEquals(0.25, llrd.factor("encoder.rel_embeddings.weight"));
            assertEquals(0.25, llrd.factor("encoder.LayerNorm.weight"));
            assertEquals(0.5, llrd.factor("encoder.conv.conv.weight"));
            assertEquals(0.5, llrd.factor("encoder.layer.0.attention.self.query_proj.weight"));
            assertEquals(1.0, llrd.factor("encoder.layer.1.output.dense.weight"));
            assertEquals(1.0, llrd.factor("head.fc.weight"));
            ReinitLayers reinit = new ReinitLayers(2, 2, 1, e::layerOf);
            assertTrue(reinit.reinitialised("encoder.conv.conv.weight"));
            assertFalse(reinit.reinitialised("encoder.rel_embeddings.weight"), "the shared table is never re-initialised");
        }
    }

    @Test
    void fmaAveragesDebertaMembers() throws IOException {
        run(config("member1", "v2", "max_steps: 2, seed: 1", ""));
        run(config("member2", "v2", "max_steps: 2, seed: 2", ""));
        TrialResult r = run(config("fma", "v2", "max_steps: 2", "").averaging(List.of("member1/model", "member2/model")));
        assertEquals(0, r.steps());
        Map<String, HostTensor> a = saved("member1");
        Map<String, HostTensor> b = saved("member2");
        Map<String, HostTensor> mean = saved("fma");
        assertTrue(mean.containsKey("encoder.conv.conv.weight") && mean.containsKey("encoder.rel_embeddings.weight"));
        mean.forEach((name, t) -> {
            float[] want = new float[t.data().length];
            for (int i = 0; i < want.length; i++) {
                want[i] = (a.get(name).data()[i] + b.get(name).data()[i]) / 2;
            }
            assertArrayEquals(want, t.data(), 1e-6f, name);
        });
        assertFalse(java.util.Arrays.equals(a.get("encoder.layer.1.output.dense.weight").data(),
                b.get("encoder.layer.1.output.dense.weight").data()));
    }

    @Test
    void aTrialsSavedModelIsAHuggingFaceFolderWithTheFixturesNames() throws IOException {
        run(config("saved", "v3", "max_steps: 1", "llrd: {decay: 0.8}, fgm: {epsilon: 0.5}"));
        Path model = dir.resolve("saved").resolve("model");
        Map<String, HostTensor> written = Safetensors.read(model.resolve("model.safetensors"));
        TreeSet<String> encoderNames = new TreeSet<>(written.keySet());
        encoderNames.removeIf(n -> n.startsWith("head."));
        assertEquals(new TreeSet<>(initial.keySet()), encoderNames);
        String config = Files.readString(model.resolve("config.json"));
        assertTrue(config.contains("\"model_type\" : \"deberta-v2\"") && config.contains("\"DebertaV2Model\""), config);
        try (NDManager m = NDManager.newBaseManager()) {
            assertInstanceOf(DebertaV2Encoder.class, Pretrained.folder(model).encoder(m));
        }
    }

    @Test
    void aSavedEncoderLoadsBackToBitIdenticalOutputs() {
        for (String fixture : List.of("v2", "v3")) {
            try (NDManager m = NDManager.newBaseManager()) {
                Pretrained p = Pretrained.folder(dir.resolve(fixture));
                Encoder original = p.encoder(m);
                Path out = dir.resolve("resaved-" + fixture);
                SavedModel.write(out, p.config(), original.namedParameters(), p.tokenizerJson());
                Pretrained back = Pretrained.folder(out);
                assertEquals(p.config(), back.config());
                Encoder loaded = back.encoder(m);
                NDArray ids = m.create(new long[] {1, 40, 41, 900, 2, 0, 1, 7, 2, 0, 0, 0}, new Shape(2, 6));
                NDArray mask = m.create(new long[] {1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0}, new Shape(2, 6));
                List<NDArray> a = original.forward(ids, mask, null, false);
                List<NDArray> b = loaded.forward(ids, mask, null, false);
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(a.get(i).toFloatArray(), b.get(i).toFloatArray(), fixture + " hidden state " + i);
                }
            }
        }
    }
}
