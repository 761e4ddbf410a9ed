package dev.sweep.common.trial;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the model predicts: one or more real-valued scores, or one class label. */
public enum TaskType {
    REGRESSION,
    CLASSIFICATION;

    /** The metric that picks a trial's best checkpoint and that every comparison is made on. */
    public String primaryMetric() {
        return this == REGRESSION ? "mcrmse" : "accuracy";
    }

    /** The primary metric's direction: accuracy up, MCRMSE down. */
    public boolean higherIsBetter() {
        return this == CLASSIFICATION;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TaskType of(String name) {
        for (TaskType t : values()) {
            if (t.wireName().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "task.type must be one of regression, classification, but got '" + name + "'");
    }
}
