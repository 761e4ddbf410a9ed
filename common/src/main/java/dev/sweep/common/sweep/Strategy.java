package dev.sweep.common.sweep;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a sweep spec expands into configurations. */
public enum Strategy {
    /** The full factorial of the space's axes. */
    GRID,
    /** The baseline, each trick alone, and each listed combination. */
    ABLATION,
    /** {@code samples} draws from the space, reproducible from {@code sampler_seed}. */
    RANDOM,
    /**
     * {@code samples} proposals by Optuna's tree-structured Parzen estimator, each from the
     * results so far (adaptive: proposed one at a time as workers free up).
     */
    TPE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
