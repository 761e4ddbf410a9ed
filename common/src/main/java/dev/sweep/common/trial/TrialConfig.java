package dev.sweep.common.trial;

import static dev.sweep.common.trial.Checks.orDefault;
import static dev.sweep.common.trial.Checks.require;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial, fully resolved: what the worker trains and how. {@code tricks} maps a trick's name
 * to its parameters; the training engine resolves names to plug-ins.
 *
 * @param output folder for checkpoints, predictions and the result; made if missing
 */
public record TrialConfig(
        TaskSpec task,
        ModelSpec model,
        TrainingSpec training,
        Map<String, Map<String, Object>> tricks,
        String output) {
    public TrialConfig {
        require(task != null, "task is required");
        model = orDefault(model, ModelSpec.defaults());
        training = orDefault(training, TrainingSpec.defaults());
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        if (tricks != null) {
            tricks.forEach((name, params) -> copy.put(name, params == null ? Map.of() : Map.copyOf(params)));
        }
        tricks = java.util.Collections.unmodifiableMap(copy);
        output = orDefault(output, "runs/trial");
        require(!"mean".equals(model.headBias()) || task.type() == TaskType.REGRESSION,
                "model.head_bias: mean starts a regression head at the targets' means; a classification head has no "
                        + "target mean, use zero or leave it out");
        require(training.loss() == null || task.type() == TaskType.CLASSIFICATION == training.loss().equals("ce"),
                "training.loss '" + training.loss() + "' does not fit task.type " + task.type().wireName()
                        + ": use ce for classification and mse, rmse or smooth_l1 for regression");
    }

    public TrialConfig withTraining(TrainingSpec newTraining) {
        return new TrialConfig(task, model, newTraining, tricks, output);
    }

    public TrialConfig withOutput(String newOutput) {
        return new TrialConfig(task, model, training, tricks, newOutput);
    }
}
