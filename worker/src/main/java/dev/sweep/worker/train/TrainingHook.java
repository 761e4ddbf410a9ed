package dev.sweep.worker.train;

/**
 * A plug-in of the training loop: a trick such as FGM, EMA or layer-wise LR decay. The loop
 * knows tricks only through these hooks, called in this order for each optimizer step:
 * {@link #afterBackward} (gradients of the step are in place; an adversarial trick may add more),
 * then the optimizer step, then {@link #afterStep}. Around every evaluation it calls
 * {@link #beforeEval} and {@link #afterEval}, so weight-averaging tricks can swap their weights
 * in and out; the best checkpoint is taken between the two.
 */
public interface TrainingHook {
    default void beforeTraining(StepContext context) {}

    default void afterBackward(StepContext context) {}

    default void afterStep(StepContext context) {}

    default void beforeEval(StepContext context) {}

    default void afterEval(StepContext context) {}
}
