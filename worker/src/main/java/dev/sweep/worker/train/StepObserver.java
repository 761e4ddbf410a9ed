package dev.sweep.worker.train;

/** Sees each step: adds gradients after a pass (adversarial tricks), or updates state after the step (averages). */
public non-sealed interface StepObserver extends TrainingExtension {
    /** After each micro-batch's backward pass; the context can run more passes over the same batch. */
    default void afterBackward(StepContext context) {}

    /** After the optimizer step. */
    default void afterStep(StepContext context) {}
}
