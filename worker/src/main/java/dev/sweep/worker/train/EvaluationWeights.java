package dev.sweep.worker.train;

/**
 * Puts other weights in the model for an evaluation (EMA's shadow, SWA's mean) and the training
 * weights back after it; the best checkpoint is taken in between, so it is the weights evaluated.
 * The loop undoes them in reverse order.
 */
public non-sealed interface EvaluationWeights extends TrainingExtension {
    void beforeEval(StepContext context);

    void afterEval(StepContext context);
}
