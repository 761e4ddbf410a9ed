package dev.sweep.worker.tricks;

import dev.sweep.common.trial.TaskType;
import dev.sweep.common.trial.TrainingSpec;
import dev.sweep.worker.loss.TaskLoss;
import dev.sweep.worker.train.TextModel;
import java.nio.file.Path;

/**
 * What a trick may know about the trial it plugs into.
 *
 * @param onGpu whether the trial trains on a CUDA device
 * @param baseDir where relative paths in the trick's parameters resolve
 */
public record TrickEnvironment(TextModel model, TaskType taskType, TaskLoss loss, TrainingSpec training,
        boolean onGpu, Path baseDir) {}
