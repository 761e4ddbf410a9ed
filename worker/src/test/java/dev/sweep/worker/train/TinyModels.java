package dev.sweep.worker.train;

import ai.djl.ndarray.NDManager;
import dev.sweep.worker.model.BertEncoder;
import dev.sweep.worker.model.EncoderConfig;
import dev.sweep.worker.model.SavedModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Small randomly initialised BERT folders with the real tokenizer, for fast tests of the loop. */
public final class TinyModels {
    private TinyModels() {}

    /** A BERT with the embedded tokenizer's vocabulary and tiny dimensions, saved as a Hugging Face folder. */
    public static Path folder(Path dir, int layers, int hidden, double dropout) {
        String json = "{\"model_type\":\"bert\",\"vocab_size\":30522,\"hidden_size\":" + hidden
                + ",\"num_hidden_layers\":" + layers + ",\"num_attention_heads\":2,\"intermediate_size\":" + (2 * hidden)
                + ",\"hidden_act\":\"gelu\",\"hidden_dropout_prob\":" + dropout + ",\"attention_probs_dropout_prob\":"
                + dropout + ",\"max_position_embeddings\":128,\"type_vocab_size\":2,\"layer_norm_eps\":1e-12}";
        EncoderConfig config = EncoderConfig.parse(json, "tiny");
        try (NDManager manager = NDManager.newBaseManager();
                InputStream tokenizer = TinyModels.class.getClassLoader()
                        .getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
            BertEncoder encoder = BertEncoder.random(config, manager, 11);
            SavedModel.write(dir, config, encoder.namedParameters(), tokenizer.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
