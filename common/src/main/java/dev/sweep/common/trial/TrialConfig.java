package dev.sweep.common.trial;

import static dev.sweep.common.trial.Checks.orDefault;
import static dev.sweep.common.trial.Checks.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sweep.common.trick.TrickRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trial, fully resolved: what the worker trains and how. {@code tricks} maps a trick's name
 * to its parameters, each checked against the trick's declaration in {@link TrickRegistry} (kept
 * as written, so trial ids do not move when a default is added); the training engine resolves
 * names to plug-ins.
 *
 * @param output folder for checkpoints, predictions and the result; made if missing
 * @param average set for an averaging trial (FMA), which evaluates the mean of its members' weights
 *     instead of training; absent from the JSON otherwise
 */
public record TrialConfig(
        TaskSpec task,
        ModelSpec model,
        TrainingSpec training,
        Map<String, Map<String, Object>> tricks,
        String output,
        @JsonInclude(JsonInclude.Include.NON_NULL) AverageSpec average) {
    public TrialConfig {
        require(task != null, "task is required");
        model = orDefault(model, ModelSpec.defaults());
        training = orDefault(training, TrainingSpec.defaults());
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        if (tricks != null) {
            tricks.forEach((name, params) -> copy.put(name, params == null ? Map.of() : Map.copyOf(params)));
        }
        if (average == null && copy.get("fma") != null && copy.get("fma").get("members") instanceof List<?> old) {
            // logs and trial files written when averaging was a trick ({fma: {members: [...]}}) still read
            average = new AverageSpec(old.stream().map(Object::toString).toList());
            copy.remove("fma");
        }
        copy.forEach((name, params) -> TrickRegistry.check("tricks." + name, name, params));
        tricks = java.util.Collections.unmodifiableMap(copy);
        output = orDefault(output, "runs/trial");
        require(!"mean".equals(model.headBias()) || task.type() == TaskType.REGRESSION,
                "model.head_bias: mean starts a regression head at the targets' means; a classification head has no "
                        + "target mean, use zero or leave it out");
        require(training.loss() == null || task.type() == TaskType.CLASSIFICATION == training.loss().equals("ce"),
                "training.loss '" + training.loss() + "' does not fit task.type " + task.type().wireName()
                        + ": use ce for classification and mse, rmse or smooth_l1 for regression");
    }

    /** A training trial's config. */
    public TrialConfig(TaskSpec task, ModelSpec model, TrainingSpec training, Map<String, Map<String, Object>> tricks,
            String output) {
        this(task, model, training, tricks, output, null);
    }

    /** Whether this trial averages saved models (FMA) rather than training one. */
    public boolean averages() {
        return average != null;
    }

    public TrialConfig withTraining(TrainingSpec newTraining) {
        return new TrialConfig(task, model, newTraining, tricks, output, average);
    }

    public TrialConfig withOutput(String newOutput) {
        return new TrialConfig(task, model, training, tricks, newOutput, average);
    }

    public TrialConfig withTricks(Map<String, Map<String, Object>> newTricks) {
        return new TrialConfig(task, model, training, newTricks, output, average);
    }

    /** This config as the average of the given model folders: the same task, model and split, no training. */
    public TrialConfig averaging(List<String> members) {
        return new TrialConfig(task, model, training, tricks, output, new AverageSpec(members));
    }
}
