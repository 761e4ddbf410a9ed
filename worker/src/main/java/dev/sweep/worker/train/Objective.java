package dev.sweep.worker.train;

import ai.djl.ndarray.NDArray;
import dev.sweep.worker.data.Batch;

/**
 * What a training step minimises on a batch: the task loss of one forward pass, unless a trick
 * (R-Drop) wraps it. Called inside the gradient collector; returns a scalar.
 */
@FunctionalInterface
public interface Objective {
    NDArray loss(Batch batch);
}
