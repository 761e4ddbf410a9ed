package dev.sweep.worker.loss;

import ai.djl.ndarray.NDArray;

/** A training loss: the mean over the batch (and targets) as a scalar the loop differentiates. */
@FunctionalInterface
public interface TaskLoss {
    /**
     * @param predictions float [B, K]: scores for regression, logits for classification
     * @param targets float [B, K] for regression, int64 [B] class indices for classification
     */
    NDArray compute(NDArray predictions, NDArray targets);
}
