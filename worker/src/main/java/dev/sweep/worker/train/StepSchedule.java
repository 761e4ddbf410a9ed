package dev.sweep.worker.train;

/** How batches become optimizer steps and what learning rate each step takes. */
public non-sealed interface StepSchedule extends TrainingExtension {
    /** Micro-batches whose gradients add up before one optimizer step; the loop takes the largest asked for. */
    default int accumulationSteps() {
        return 1;
    }

    /** The learning-rate multiplier for a step, given the schedule's (or the previous plug-in's). */
    default double lrFactor(int step, double scheduled) {
        return scheduled;
    }
}
