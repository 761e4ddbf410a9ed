package dev.sweep.worker.train;

import dev.sweep.worker.data.Batch;

/**
 * What a hook sees of the loop.
 *
 * @param model the model being trained
 * @param batch the current batch (null outside a step)
 * @param epoch 1-based epoch
 * @param step optimizer steps done so far
 * @param totalSteps optimizer steps the run will take
 * @param forwardBackward runs one more forward and backward pass on the current batch; its
 *     gradients add to those already there, and it returns the loss
 */
public record StepContext(TextModel model, Batch batch, int epoch, int step, int totalSteps,
        LossPass forwardBackward) {
    /** One extra forward and backward pass over the current batch, returning its loss. */
    @FunctionalInterface
    public interface LossPass {
        float run();
    }
}
