package dev.sweep.worker.optim;

/** The learning-rate multiplier for an optimizer step. */
@FunctionalInterface
public interface LrSchedule {
    /**
     * @param step optimizer steps already taken (0 for the first step)
     * @return the factor that multiplies each parameter's base learning rate
     */
    double factor(int step);
}
