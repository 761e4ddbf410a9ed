package dev.sweep.common.trial;

import static dev.sweep.common.trial.Checks.orDefault;
import static dev.sweep.common.trial.Checks.require;

import java.util.Set;

/**
 * The pretrained encoder and the head put on it.
 *
 * @param source {@code embedded} (all-MiniLM-L6-v2 from the classpath) or a local Hugging Face
 *     folder holding config.json, model.safetensors and tokenizer.json
 * @param pooling how token states become one vector: cls, mean, max, min, attention, weighted_layer
 * @param poolingLayers for weighted_layer: how many of the top layers are mixed
 * @param hiddenDropout overrides config.json's hidden_dropout_prob when set
 * @param attentionDropout overrides config.json's attention_probs_dropout_prob when set
 * @param headDropout dropout on the pooled vector before the linear head
 */
public record ModelSpec(
        String source,
        String pooling,
        Integer poolingLayers,
        Double hiddenDropout,
        Double attentionDropout,
        Double headDropout) {
    public static final String EMBEDDED = "embedded";
    public static final Set<String> POOLINGS = Set.of("cls", "mean", "max", "min", "attention", "weighted_layer");

    public ModelSpec {
        source = orDefault(source, EMBEDDED);
        pooling = orDefault(pooling, "mean");
        require(POOLINGS.contains(pooling),
                "model.pooling must be one of " + new java.util.TreeSet<>(POOLINGS) + ", but got '" + pooling + "'");
        poolingLayers = orDefault(poolingLayers, 4);
        Checks.positive("model.pooling_layers", poolingLayers);
        if (hiddenDropout != null) {
            Checks.inRange("model.hidden_dropout", hiddenDropout, 0, 0.95);
        }
        if (attentionDropout != null) {
            Checks.inRange("model.attention_dropout", attentionDropout, 0, 0.95);
        }
        headDropout = orDefault(headDropout, 0.0);
        Checks.inRange("model.head_dropout", headDropout, 0, 0.95);
    }

    public static ModelSpec defaults() {
        return new ModelSpec(null, null, null, null, null, null);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore // derived, not part of the wire form
    public boolean isEmbedded() {
        return EMBEDDED.equals(source);
    }
}
