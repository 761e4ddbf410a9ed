package dev.sweep.common.wire;

import static dev.sweep.common.trial.Checks.require;

import dev.sweep.common.sweep.Checkpoint;

/**
 * What the report of a sweep needs from its spec beyond the trials, resolved by the planner and
 * carried on every {@code queued} event, so the event log alone rebuilds the report as the spec
 * meant it. A log written before this record has none; the report then falls back to
 * {@code base} (if the log has it), the last evaluation, and the folds the trials show.
 *
 * @param reference the configuration compared against; null: the sweep has none (a grid
 *     without a {@code base}), and its table shows no comparisons
 * @param select which evaluation of each trial the table uses
 * @param folds K of K-fold cross-validation, or null without folds (the corrected test needs K)
 */
public record ReportPlan(String reference, Checkpoint select, Integer folds) {
    public ReportPlan {
        require(reference == null || !reference.isBlank(), "report plan: reference must be null or a name");
        require(select != null, "report plan: select is required (last or best)");
        require(folds == null || folds >= 2, "report plan: folds must be >= 2 or null, but got " + folds);
    }
}
