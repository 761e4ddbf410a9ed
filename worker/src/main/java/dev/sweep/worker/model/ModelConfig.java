package dev.sweep.worker.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.codec.ConfigException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The architecture a Hugging Face {@code config.json} describes, as far as the worker needs to
 * know it outside the encoder: sizes for the head and the tricks, dropout a trial may override,
 * and the config.json a saved model carries. {@link #parse} picks the family by {@code model_type}.
 */
public sealed interface ModelConfig permits EncoderConfig, DebertaV2Config {
    /** The BERT-layout families {@link EncoderConfig} reads. */
    Set<String> BERT_FAMILY = Set.of("bert", "roberta", "xlm-roberta", "camembert", "ernie");

    String modelType();

    int vocabSize();

    int hiddenSize();

    int numLayers();

    /** The same architecture with the dropout rates a trial asks for (null keeps the config's). */
    ModelConfig withDropout(Double hidden, Double attention);

    /** The config.json written beside a saved model, readable by Hugging Face transformers. */
    String toHuggingFaceJson();

    /**
     * Parses a config.json by its {@code model_type} (absent means bert, as older BERT configs
     * leave it out); an unsupported type is refused in one line naming the supported ones.
     */
    static ModelConfig parse(String json, String source) {
        JsonNode tree;
        try {
            tree = Codec.json().readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + ")", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(source + ": must be a JSON object");
        }
        JsonNode type = tree.get("model_type");
        String modelType = type == null || type.isNull() ? "bert" : type.asText();
        if (BERT_FAMILY.contains(modelType)) {
            return EncoderConfig.parse(json, source);
        }
        if (modelType.equals(DebertaV2Config.MODEL_TYPE)) {
            return DebertaV2Config.parse(tree, source);
        }
        Set<String> supported = new TreeSet<>(BERT_FAMILY);
        supported.add(DebertaV2Config.MODEL_TYPE);
        throw new ConfigException(source + ": model_type '" + modelType + "' is not supported; model_type must be one of "
                + supported + " (deberta-v2 also serves DeBERTa-v3)");
    }
}
