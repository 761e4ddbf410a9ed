package dev.sweep.worker.train;

import dev.sweep.common.trial.EvalPoint;

/** Receives the loop's progress: the console bar, and later the worker's Kafka events. */
public interface TrainingListener {
    /** Called every {@code log_every_steps} optimizer steps. */
    void onProgress(Progress progress);

    /** Called after every evaluation. */
    default void onEvaluated(EvalPoint point) {}

    /** Called after every optimizer step with its wall time. */
    default void onStep(double millis) {}

    /** Both listeners, in order. */
    static TrainingListener both(TrainingListener first, TrainingListener second) {
        return new TrainingListener() {
            @Override
            public void onProgress(Progress progress) {
                first.onProgress(progress);
                second.onProgress(progress);
            }

            @Override
            public void onEvaluated(EvalPoint point) {
                first.onEvaluated(point);
                second.onEvaluated(point);
            }

            @Override
            public void onStep(double millis) {
                first.onStep(millis);
                second.onStep(millis);
            }
        };
    }

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
