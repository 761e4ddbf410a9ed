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
 * @param decide with seeds until decided: the rule each configuration was decided by, so the
 *     report and the live table say why it stopped; null otherwise
 */
public record ReportPlan(String reference, Checkpoint select, Integer folds,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        DecidePlan decide) {
    public ReportPlan(String reference, Checkpoint select, Integer folds) {
        this(reference, select, folds, null);
    }

    /**
     * The settings of seeds until decided, resolved from the spec's {@code seeds: {min, max}} and
     * {@code decide:}.
     */
    public record DecidePlan(int minSeeds, int maxSeeds, double minEffect, double alpha, double power) {}

    public ReportPlan {
        require(reference == null || !reference.isBlank(), "report plan: reference must be null or a name");
        require(select != null, "report plan: select is required (last or best)");
        require(folds == null || folds >= 2, "report plan: folds must be >= 2 or null, but got " + folds);
        require(decide == null || reference != null, "report plan: seeds until decided needs a reference");
    }
}
