package dev.sweep.worker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sweep.common.codec.ConfigException;
import dev.sweep.worker.model.weights.HostTensor;
import dev.sweep.worker.model.weights.WeightsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderWeightsTest {
    static final String TINY_BERT = "{\"model_type\":\"bert\",\"vocab_size\":50,\"hidden_size\":8,\"num_hidden_layers\":2,"
            + "\"num_attention_heads\":2,\"intermediate_size\":16,\"hidden_act\":\"gelu\",\"hidden_dropout_prob\":0.1,"
            + "\"attention_probs_dropout_prob\":0.1,\"max_position_embeddings\":32,\"type_vocab_size\":2,"
            + "\"layer_norm_eps\":1e-12}";

    @TempDir
    Path dir;

    NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void embeddedModelMapsEveryEncoderTensorWithHuggingFaceNames() {
        Pretrained p = Pretrained.embedded();
        Encoder encoder = Encoder.fromWeights(p.config(), p.weights(), manager, p.source());
        Map<String, ai.djl.nn.Parameter> params = encoder.namedParameters();
        assertEquals(101, params.size());
        long count = params.values().stream().mapToLong(x -> x.getArray().size()).sum();
        assertEquals(22_565_376L, count);
        assertArrayEquals(new long[] {1536, 384},
                params.get("encoder.layer.3.intermediate.dense.weight").getArray().getShape().getShape());
    }

    @Test
    void savedModelLoadsBackAsAFolderWithIdenticalOutputs() throws Exception {
        EncoderConfig config = EncoderConfig.parse(TINY_BERT, "tiny");
        BertEncoder encoder = BertEncoder.random(config, manager, 7);
        Path saved = dir.resolve("model");
        SavedModel.write(saved, config, encoder.namedParameters(), "{}".getBytes(StandardCharsets.UTF_8));
        Pretrained back = Pretrained.folder(saved);
        Encoder loaded = Encoder.fromWeights(back.config(), back.weights(), manager, back.source());
        NDArray ids = manager.create(new long[] {1, 5, 9, 2, 3, 0}, new Shape(2, 3));
        NDArray mask = manager.create(new long[] {1, 1, 1, 1, 1, 0}, new Shape(2, 3));
        float[] a = encoder.forward(ids, mask, null, false).get(2).toFloatArray();
        float[] b = loaded.forward(ids, mask, null, false).get(2).toFloatArray();
        assertArrayEquals(a, b);
        assertTrue(Files.readString(saved.resolve("config.json")).contains("\"architectures\" : [ \"BertModel\" ]"));
    }

    @Test
    void missingTensorsAreNamed() {
        EncoderConfig config = EncoderConfig.parse(TINY_BERT, "tiny");
        Map<String, HostTensor> weights = new LinkedHashMap<>();
        BertEncoder.expectedShapes(config).forEach((name, shape) -> {
            if (!name.contains("layer.1.output.dense")) {
                weights.put(name, new HostTensor(name, shape, new float[(int) java.util.Arrays.stream(shape)
                        .reduce(1, Math::multiplyExact)]));
            }
        });
        WeightsException e = assertThrows(WeightsException.class,
                () -> BertEncoder.fromWeights(config, weights, manager, "m.safetensors"));
        assertTrue(e.getMessage().contains("2 encoder tensors are missing")
                && e.getMessage().contains("encoder.layer.1.output.dense.bias"), e.getMessage());
    }

    @Test
    void aVocabularyTooSmallForTheWeightsIsRefusedWithBothShapes() {
        EncoderConfig config = EncoderConfig.parse(TINY_BERT, "tiny");
        BertEncoder encoder = BertEncoder.random(config, manager, 1);
        EncoderConfig smaller = EncoderConfig.parse(TINY_BERT.replace("\"vocab_size\":50", "\"vocab_size\":40"), "c");
        Map<String, HostTensor> weights = new LinkedHashMap<>();
        encoder.namedParameters().forEach((n, p) -> weights.put(n, SavedModel.toHost(n, p)));
        WeightsException e = assertThrows(WeightsException.class,
                () -> BertEncoder.fromWeights(smaller, weights, manager, "m.safetensors"));
        assertTrue(e.getMessage().contains("embeddings.word_embeddings.weight has shape [50, 8]")
                && e.getMessage().contains("[40, 8]"), e.getMessage());
    }

    @Test
    void prefixedAndOldStyleNamesAreAccepted() {
        assertEquals("embeddings.LayerNorm.weight", BertEncoder.canonicalName("bert.embeddings.LayerNorm.gamma"));
        assertEquals("encoder.layer.0.output.LayerNorm.bias",
                BertEncoder.canonicalName("roberta.encoder.layer.0.output.LayerNorm.beta"));
        assertEquals("classifier.weight", BertEncoder.canonicalName("classifier.weight"));
    }

    @Test
    void robertaPositionsStartAfterThePaddingIdAndPaddingDoesNotShiftThem() {
        EncoderConfig config = EncoderConfig.parse(TINY_BERT.replace("\"bert\"", "\"roberta\""), "tiny");
        assertEquals(2, config.positionOffset());
        BertEncoder encoder = BertEncoder.random(config, manager, 3);
        // the same sentence alone and padded must give the same states on its real tokens
        NDArray alone = encoder.forward(manager.create(new long[] {0, 7, 8, 2}, new Shape(1, 4)),
                manager.create(new long[] {1, 1, 1, 1}, new Shape(1, 4)), null, false).get(2);
        NDArray padded = encoder.forward(manager.create(new long[] {0, 7, 8, 2, 1, 1}, new Shape(1, 6)),
                manager.create(new long[] {1, 1, 1, 1, 0, 0}, new Shape(1, 6)), null, false).get(2);
        float[] a = alone.toFloatArray();
        float[] b = padded.get(":, 0:4, :").toFloatArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-5);
        }
    }

    @Test
    void dropoutActsInTrainingOnly() {
        EncoderConfig config = EncoderConfig.parse(TINY_BERT, "tiny");
        BertEncoder encoder = BertEncoder.random(config, manager, 5);
        NDArray ids = manager.create(new long[] {1, 5, 9, 2}, new Shape(1, 4));
        NDArray mask = manager.ones(new Shape(1, 4), ai.djl.ndarray.types.DataType.INT64);
        List<NDArray> e1 = encoder.forward(ids, mask, null, false);
        List<NDArray> e2 = encoder.forward(ids, mask, null, false);
        assertArrayEquals(e1.get(2).toFloatArray(), e2.get(2).toFloatArray());
        float[] t1 = encoder.forward(ids, mask, null, true).get(2).toFloatArray();
        float[] t2 = encoder.forward(ids, mask, null, true).get(2).toFloatArray();
        assertTrue(!java.util.Arrays.equals(t1, t2), "two training passes must draw different dropout masks");
    }

    @Test
    void aMissingModelFolderSaysWhatItNeeds() {
        ConfigException e = assertThrows(ConfigException.class, () -> Pretrained.folder(dir.resolve("absent")));
        assertTrue(e.getMessage().contains("absent: no such model folder"), e.getMessage());
    }

    @Test
    void aConfigWithABadFieldNamesIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> EncoderConfig.parse(TINY_BERT.replace("\"gelu\"", "\"tanhh\""), "x/config.json"));
        assertTrue(e.getMessage().startsWith("x/config.json: config.json: hidden_act must be one of"), e.getMessage());
    }
}
