package dev.sweep.worker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.sweep.common.codec.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading DeBERTa-v2/v3 folders: model_type dispatch, the config's two spellings, and what is refused. */
class DebertaLoadingTest {
    static final String V3 = "{\"model_type\":\"deberta-v2\",\"vocab_size\":50,\"hidden_size\":8,\"num_hidden_layers\":2,"
            + "\"num_attention_heads\":2,\"intermediate_size\":16,\"max_position_embeddings\":64,\"relative_attention\":true,"
            + "\"pos_att_type\":\"p2c|c2p\",\"position_buckets\":16,\"max_relative_positions\":-1,\"norm_rel_ebd\":\"layer_norm\","
            + "\"share_att_key\":true,\"position_biased_input\":false,\"type_vocab_size\":0}";

    @TempDir
    Path dir;

    @Test
    void modelTypeDebertaV2ReadsBothSpellingsOfPosAttType() {
        DebertaV2Config string = (DebertaV2Config) ModelConfig.parse(V3, "v3");
        DebertaV2Config list = (DebertaV2Config) ModelConfig.parse(V3.replace("\"p2c|c2p\"", "[\"p2c\", \"c2p\"]"), "v3");
        assertEquals(string, list);
        assertTrue(string.relative().c2p() && string.relative().p2c());
        assertEquals(64, string.relative().maxRelativePositions(), "-1 means max_position_embeddings");
        assertEquals(3, string.relative().scaleFactor());
        assertEquals(16, string.relative().span());
        DebertaV2Config c2pOnly = (DebertaV2Config) ModelConfig.parse(V3.replace("\"p2c|c2p\"", "\"c2p\""), "v3");
        assertFalse(c2pOnly.relative().p2c());
        assertEquals(2, c2pOnly.relative().scaleFactor());
    }

    @Test
    void anUnknownModelTypeIsRefusedNamingTheFieldAndTheSupportedOnes() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ModelConfig.parse(V3.replace("deberta-v2", "deberta"), "m/config.json"));
        assertEquals("m/config.json: model_type 'deberta' is not supported; model_type must be one of [bert, camembert, "
                + "deberta-v2, ernie, roberta, xlm-roberta] (deberta-v2 also serves DeBERTa-v3)", e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void anUnknownPositionTermIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ModelConfig.parse(V3.replace("\"p2c|c2p\"", "\"p2c|p2p\""), "m/config.json"));
        assertTrue(e.getMessage().contains("pos_att_type may hold only c2p and p2c, but got 'p2p'"), e.getMessage());
    }

    @Test
    void aFolderWithOnlySpmModelIsRefusedSayingHowToMakeTokenizerJson() throws Exception {
        DebertaV2Config config = (DebertaV2Config) ModelConfig.parse(V3, "v3");
        try (NDManager m = NDManager.newBaseManager()) {
            SavedModel.write(dir, config, DebertaV2Encoder.random(config, m, 1).namedParameters(), null);
        }
        Files.writeString(dir.resolve("spm.model"), "not really");
        ConfigException e = assertThrows(ConfigException.class, () -> Pretrained.folder(dir));
        assertEquals(1, e.getMessage().lines().count());
        assertTrue(e.getMessage().contains("only spm.model") && e.getMessage().contains(
                "AutoTokenizer.from_pretrained('" + dir + "').save_pretrained('" + dir + "')"), e.getMessage());
    }

    @Test
    void aSavedFolderLoadsBackAsTheSameArchitecture() {
        DebertaV2Config config = (DebertaV2Config) ModelConfig.parse(V3, "v3");
        try (NDManager m = NDManager.newBaseManager()) {
            Encoder encoder = Encoder.random(config, m, 2);
            SavedModel.write(dir, config, encoder.namedParameters(), "{}".getBytes());
            Pretrained back = Pretrained.folder(dir);
            assertEquals(config, back.config());
            Encoder loaded = back.encoder(m);
            assertInstanceOf(DebertaV2Encoder.class, loaded);
            assertEquals(encoder.namedParameters().keySet(), loaded.namedParameters().keySet());
        }
    }

    /** Layouts the fixtures do not cover: separate position projections, absolute positions, narrower embeddings. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "\"share_att_key\":false", "\"share_att_key\":false,\"pos_att_type\":\"c2p\"",
        "\"position_biased_input\":true,\"type_vocab_size\":2,\"embedding_size\":4",
        "\"relative_attention\":false", "\"position_buckets\":-1,\"max_relative_positions\":3,\"conv_kernel_size\":3"})
    void otherLayoutsRunAndEveryParameterGetsAGradient(String change) {
        DebertaV2Config config = (DebertaV2Config) ModelConfig.parse(V3.replace("}", "," + change + "}")
                .replace("\"share_att_key\":true,", "").replace("\"position_biased_input\":false,", "")
                .replace("\"type_vocab_size\":0,", "").replace(",\"type_vocab_size\":0", ""), change);
        try (NDManager m = NDManager.newBaseManager()) {
            Encoder encoder = Encoder.random(config, m, 4);
            if (change.contains("share_att_key")) {
                assertTrue(encoder.namedParameters().containsKey("encoder.layer.0.attention.self.pos_key_proj.weight"));
                assertEquals(change.contains("c2p\""), !encoder.namedParameters()
                        .containsKey("encoder.layer.0.attention.self.pos_query_proj.weight"));
            }
            ai.djl.ndarray.NDArray ids = m.create(new long[] {1, 7, 8, 9, 2, 1, 5, 2, 0, 0}, new ai.djl.ndarray.types.Shape(2, 5));
            ai.djl.ndarray.NDArray mask = m.create(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 0, 0}, new ai.djl.ndarray.types.Shape(2, 5));
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                ai.djl.ndarray.NDArray last = encoder.forward(ids, mask, null, true).get(2);
                ai.djl.ndarray.NDArray loss = last.mul(last).sum();
                assertTrue(Float.isFinite(loss.getFloat()), change);
                gc.backward(loss);
            }
            encoder.namedParameters().forEach((name, p) -> {
                float[] g = p.getArray().getGradient().toFloatArray();
                boolean any = false;
                for (float v : g) {
                    assertTrue(Float.isFinite(v), name);
                    any |= v != 0;
                }
                // a LayerNorm bias under a mean-free loss and unused type rows may stay 0; projections may not
                if (name.contains("_proj.weight") || name.contains("rel_embeddings")) {
                    assertTrue(any, change + ": no gradient reaches " + name);
                }
            });
        }
    }

    @Test
    void theEncoderSaysWhichLayerEachParameterBelongsTo() {
        DebertaV2Config config = (DebertaV2Config) ModelConfig.parse(V3.replace("}", ",\"conv_kernel_size\":3}"), "v2");
        try (NDManager m = NDManager.newBaseManager()) {
            Encoder encoder = Encoder.random(config, m, 3);
            assertEquals(OptionalInt.of(Encoder.EMBEDDINGS), encoder.layerOf("embeddings.word_embeddings.weight"));
            assertEquals(OptionalInt.of(Encoder.EMBEDDINGS), encoder.layerOf("encoder.rel_embeddings.weight"));
            assertEquals(OptionalInt.of(Encoder.EMBEDDINGS), encoder.layerOf("encoder.LayerNorm.bias"));
            assertEquals(OptionalInt.of(0), encoder.layerOf("encoder.conv.conv.weight"));
            assertEquals(OptionalInt.of(1), encoder.layerOf("encoder.layer.1.attention.self.query_proj.weight"));
            assertEquals(OptionalInt.empty(), encoder.layerOf("head.fc.weight"));
            assertEquals("embeddings.word_embeddings.weight", encoder.wordEmbeddingsName());
            encoder.namedParameters().keySet().forEach(n -> assertTrue(encoder.layerOf(n).isPresent(), n));
        }
    }
}
