package dev.sweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sweep.worker.model.weights.HostTensor;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A pretrained transformer encoder under Hugging Face parameter names: token ids in, the
 * embeddings' output and every layer's output out. The head, the training loop and the tricks
 * see only this, so that each family ({@link BertEncoder}, {@link DebertaV2Encoder}) keeps its
 * own layout: the encoder says which layer a parameter belongs to and where its word embeddings are.
 */
public interface Encoder extends NamedParameters {
    /** {@link #layerOf} for the embeddings and the tables every layer shares. */
    int EMBEDDINGS = -1;

    ModelConfig config();

    default int numLayers() {
        return config().numLayers();
    }

    default int hiddenSize() {
        return config().hiddenSize();
    }

    /**
     * Runs the encoder.
     *
     * @param inputIds int64 [B, T]
     * @param attentionMask int64 [B, T], 1 for tokens and 0 for padding
     * @param tokenTypeIds int64 [B, T], or null for all zeros
     * @param training whether dropout is active
     * @return the embeddings' output followed by every layer's output, each [B, T, H]
     */
    List<NDArray> forward(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds, boolean training);

    /** Where forward passes read the weights (the model's shared source, so mixed precision can stand in). */
    void computeWith(ParameterArrays source);

    /**
     * The layer a parameter of this encoder belongs to: {@link #EMBEDDINGS} for the embeddings
     * (and, in DeBERTa, the relative-position table all layers share), 0 to {@code numLayers() - 1}
     * for a layer; empty for a name the encoder does not own (a head's).
     */
    OptionalInt layerOf(String parameterName);

    /** The name of the word-embedding matrix, which adversarial training perturbs. */
    default String wordEmbeddingsName() {
        return "embeddings.word_embeddings.weight";
    }

    /** The layer number in a name of the form {@code encoder.layer.N.rest}, as both families name layers. */
    static OptionalInt numberedLayer(String name) {
        String prefix = "encoder.layer.";
        if (!name.startsWith(prefix)) {
            return OptionalInt.empty();
        }
        String rest = name.substring(prefix.length());
        int dot = rest.indexOf('.');
        return OptionalInt.of(Integer.parseInt(dot < 0 ? rest : rest.substring(0, dot)));
    }

    /** The encoder {@code config} describes, built from pretrained tensors. */
    static Encoder fromWeights(ModelConfig config, Map<String, HostTensor> weights, NDManager manager, String source) {
        if (config instanceof DebertaV2Config d) {
            return DebertaV2Encoder.fromWeights(d, weights, manager, source);
        }
        return BertEncoder.fromWeights((EncoderConfig) config, weights, manager, source);
    }

    /** A randomly initialised encoder of {@code config}'s shape (normal 0.02, LayerNorm 1/0, biases 0). */
    static Encoder random(ModelConfig config, NDManager manager, long seed) {
        if (config instanceof DebertaV2Config d) {
            return DebertaV2Encoder.random(d, manager, seed);
        }
        return BertEncoder.random((EncoderConfig) config, manager, seed);
    }
}
