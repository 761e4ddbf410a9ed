package dev.sweep.worker.train;

/** Prepares the model before the first step and before the optimizer is built: re-initialise, freeze, copy weights. */
public non-sealed interface TrainingSetup extends TrainingExtension {
    void beforeTraining(StepContext context);
}
