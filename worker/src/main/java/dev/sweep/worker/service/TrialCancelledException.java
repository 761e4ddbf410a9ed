package dev.sweep.worker.service;

/** Thrown inside the training loop to stop a trial whose sweep was cancelled or whose partition moved. */
final class TrialCancelledException extends RuntimeException {
    TrialCancelledException(String trialId) {
        super("trial " + trialId + " stopped");
    }
}
