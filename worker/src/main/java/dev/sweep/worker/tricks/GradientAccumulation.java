package dev.sweep.worker.tricks;

import dev.sweep.worker.train.StepSchedule;

/**
 * Gradient accumulation ({@code grad_accum}): N micro-batches of {@code batch_size}, each loss
 * scaled by 1/N, add their gradients before one optimizer step: the update of a batch N times
 * larger, in the memory of one micro-batch.
 */
final class GradientAccumulation implements StepSchedule {
    private final int steps;

    GradientAccumulation(int steps) {
        this.steps = steps;
    }

    @Override
    public int accumulationSteps() {
        return steps;
    }
}
