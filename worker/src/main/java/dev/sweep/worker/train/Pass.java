package dev.sweep.worker.train;

import dev.sweep.worker.data.Batch;

/** One forward and backward pass of the objective over a batch; its gradients add to those already there. */
@FunctionalInterface
public interface Pass {
    /**
     * @param lossScale what the loss is multiplied by before the backward pass (1/N for N
     *     accumulated micro-batches, times mixed precision's loss scale)
     * @return the objective's value, not scaled
     */
    float run(Batch batch, float lossScale);
}
