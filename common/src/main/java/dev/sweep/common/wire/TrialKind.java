package dev.sweep.common.wire;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a worker does with a trial. */
public enum TrialKind {
    /** Fine-tune the configuration from the pretrained weights. */
    TRAIN,
    /** Fine-tuned model averaging: average finished members' weights and evaluate (no training). */
    AVERAGE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
