package dev.sweep.common.trial;

import static dev.sweep.common.trial.Checks.orDefault;
import static dev.sweep.common.trial.Checks.require;

import java.util.Set;

/**
 * The pretrained encoder and the head put on it.
 *
 * @param source {@code embedded} (all-MiniLM-L6-v2 from the classpath) or a local Hugging Face
 *     folder holding config.json, model.safetensors and tokenizer.json
 * @param pooling how token states become one vector: cls, mean, max, min, attention, gem, weighted_layer
 * @param poolingLayers for weighted_layer: how many of the top layers are mixed
 * @param hiddenDropout overrides config.json's hidden_dropout_prob when set
 * @param attentionDropout overrides config.json's attention_probs_dropout_prob when set
 * @param headDropout dropout on the pooled vector before the linear head
 * @param headBias where the head's bias starts: {@code mean}, each target's mean over the
 *     training rows (regression only), or {@code zero}. Left out: mean for regression, zero for
 *     classification. Why: a regression head that starts at 0 spends its first epoch moving its
 *     output to the scores' level (about 3 for FB3's 1-5 scores) with a small learning rate,
 *     predicting nearly the mean all the while; started there, the first steps go into the
 *     differences between texts. Absent from a trial's JSON when left out, so trial ids of
 *     configs written before it are unchanged.
 */
public record ModelSpec(
        String source,
        String pooling,
        Integer poolingLayers,
        Double hiddenDropout,
        Double attentionDropout,
        Double headDropout,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String headBias) {
    public static final String EMBEDDED = "embedded";
    public static final Set<String> HEAD_BIASES = Set.of("mean", "zero");
    public static final Set<String> POOLINGS = Set.of("cls", "mean", "max", "min", "attention", "gem", "weighted_layer");

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
        require(headBias == null || HEAD_BIASES.contains(headBias),
                "model.head_bias must be mean or zero (or left out), but got '" + headBias + "'");
    }

    public ModelSpec(String source, String pooling, Integer poolingLayers, Double hiddenDropout, Double attentionDropout,
            Double headDropout) {
        this(source, pooling, poolingLayers, hiddenDropout, attentionDropout, headDropout, null);
    }

    /** Whether the head's bias starts at the training targets' means for a task of this type. */
    public boolean headBiasAtTargetMean(TaskType type) {
        return headBias == null ? type == TaskType.REGRESSION : headBias.equals("mean");
    }

    public static ModelSpec defaults() {
        return new ModelSpec(null, null, null, null, null, null, null);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore // derived, not part of the wire form
    public boolean isEmbedded() {
        return EMBEDDED.equals(source);
    }
}
