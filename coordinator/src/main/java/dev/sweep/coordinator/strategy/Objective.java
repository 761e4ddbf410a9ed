package dev.sweep.coordinator.strategy;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TaskType;
import dev.sweep.coordinator.search.Direction;
import dev.sweep.coordinator.search.SearchTrial;
import dev.sweep.coordinator.search.TrialState;
import dev.sweep.coordinator.state.TrialView;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a sweep optimises and compares: the task's primary metric (accuracy up, MCRMSE down) at
 * the evaluation the report counts ({@code report.select}: last or best). A trial's intermediate
 * values are that metric at each evaluation, numbered 1, 2, ...: the resource the pruners'
 * rungs are counted in.
 */
public record Objective(String metric, boolean higherIsBetter, Checkpoint select) {
    public static Objective of(TaskType task, Checkpoint select) {
        return new Objective(task.primaryMetric(), task.higherIsBetter(), select);
    }

    public Direction direction() {
        return higherIsBetter ? Direction.MAXIMIZE : Direction.MINIMIZE;
    }

    /** The completed trial's value, or null when it has none (not completed, or the metric is missing). */
    public Double value(TrialView t) {
        if (t.result() == null) {
            return null;
        }
        Map<String, Double> m = select == Checkpoint.BEST ? t.result().best() : t.result().last();
        Double v = m.get(metric);
        return v == null || v.isNaN() ? null : v;
    }

    /** The metric at each evaluation the trial made, by evaluation number from 1. */
    public SortedMap<Integer, Double> intermediate(TrialView t) {
        SortedMap<Integer, Double> out = new TreeMap<>();
        List<EvalPoint> history = t.history();
        for (int i = 0; i < history.size(); i++) {
            Double v = history.get(i).metrics().get(metric);
            if (v != null) {
                out.put(i + 1, v);
            }
        }
        return out;
    }

    /**
     * The trial as Optuna's samplers and pruners see it: complete with its value, pruned, failed
     * (dead, cancelled, or completed without the metric), or running (queued ones too: TPE's
     * constant liar keeps their region from being proposed again).
     */
    public SearchTrial searchTrial(int number, Map<String, Object> params, TrialView t) {
        SortedMap<Integer, Double> values = intermediate(t);
        return switch (t.state()) {
            case COMPLETED -> {
                Double v = value(t);
                yield v == null ? new SearchTrial(number, params, TrialState.FAILED, null, values)
                        : new SearchTrial(number, params, TrialState.COMPLETE, v, values);
            }
            case PRUNED -> new SearchTrial(number, params, TrialState.PRUNED, null, values);
            case DEAD, CANCELLED -> new SearchTrial(number, params, TrialState.FAILED, null, values);
            case QUEUED, RUNNING, FAILED -> new SearchTrial(number, params, TrialState.RUNNING, null, values);
        };
    }
}
