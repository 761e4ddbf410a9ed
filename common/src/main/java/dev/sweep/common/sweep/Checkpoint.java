package dev.sweep.common.sweep;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which evaluation of a trial the report's table scores it by. The best checkpoint is chosen on
 * the very split it is scored on, so it is biased upwards, and most for the noisiest
 * configurations (the more a curve wobbles, the higher its maximum): the last evaluation is the
 * honest default, the best one is shown beside it as the optimistic figure.
 */
public enum Checkpoint {
    /** The last evaluation of the trial ({@code TrialResult.last}). */
    LAST,
    /** The best evaluation by the primary metric ({@code TrialResult.best}), the one saved. */
    BEST;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The other one: the table shows it in a row of its own. */
    public Checkpoint other() {
        return this == LAST ? BEST : LAST;
    }
}
