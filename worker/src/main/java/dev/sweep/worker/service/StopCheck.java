package dev.sweep.worker.service;

import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.StepObserver;
import dev.sweep.worker.train.TrainingSetup;
import java.util.concurrent.atomic.AtomicBoolean;

/** A plug-in of the training loop that ends the trial at the next step once {@code stop} is set (cancel, lost partition). */
final class StopCheck implements TrainingSetup, StepObserver {
    private final AtomicBoolean stop;
    private final String trialId;

    StopCheck(AtomicBoolean stop, String trialId) {
        this.stop = stop;
        this.trialId = trialId;
    }

    @Override
    public void beforeTraining(StepContext context) {
        check();
    }

    @Override
    public void afterStep(StepContext context) {
        check();
    }

    private void check() {
        if (stop.get()) {
            throw new TrialCancelledException(trialId);
        }
    }
}
