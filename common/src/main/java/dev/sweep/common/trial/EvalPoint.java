package dev.sweep.common.trial;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One evaluation during training.
 *
 * @param epoch 1-based epoch the evaluation ran in (fractional progress is in {@code step})
 * @param step optimizer steps done when it ran
 * @param trainLoss mean training loss since the previous evaluation
 * @param metrics the task metrics on the validation split, e.g. mcrmse and rmse_cohesion
 */
public record EvalPoint(int epoch, int step, double trainLoss, SortedMap<String, Double> metrics) {
    public EvalPoint {
        metrics = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(metrics));
    }

    public static EvalPoint of(int epoch, int step, double trainLoss, Map<String, Double> metrics) {
        return new EvalPoint(epoch, step, trainLoss, new TreeMap<>(metrics));
    }
}
