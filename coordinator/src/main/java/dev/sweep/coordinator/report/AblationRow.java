package dev.sweep.coordinator.report;

import java.util.List;

/**
 * One configuration's line in the ablation table.
 *
 * @param values the primary metric of each finished trial (one per seed and fold)
 * @param delta mean minus the baseline's mean (NaN when either is missing)
 * @param msPerStep median over trials of each trial's median ms per optimizer step (0 for averages)
 * @param peakBytes the largest peak resident memory of its trials
 * @param averaged whether the row is a fine-tuned model average of another row's seeds
 */
public record AblationRow(String config, boolean averaged, List<Double> values, double mean, double std,
        double delta, double msPerStep, long peakBytes, int finished, int failed, int total) {
    public AblationRow {
        values = List.copyOf(values);
    }
}
