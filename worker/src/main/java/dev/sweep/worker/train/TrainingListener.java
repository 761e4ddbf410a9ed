package dev.sweep.worker.train;

import dev.sweep.common.trial.EvalPoint;

/** Receives the loop's progress: the console bar, and later the worker's Kafka events. */
public interface TrainingListener {
    /** Called every {@code log_every_steps} optimizer steps. */
    void onProgress(Progress progress);

    /** Called after every evaluation. */
    default void onEvaluated(EvalPoint point) {}

    /**
     * A snapshot of the run.
     *
     * @param loss mean training loss since the last progress report
     * @param samplesPerSecond training throughput since the last report
     * @param msPerStep mean wall milliseconds of an optimizer step since the last report
     */
    record Progress(int epoch, int epochs, int step, int totalSteps, double loss, double lr, double samplesPerSecond,
            double msPerStep) {}
}
