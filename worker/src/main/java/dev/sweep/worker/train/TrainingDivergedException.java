package dev.sweep.worker.train;

/** The loss or the gradient became NaN or infinite; the trial cannot go on with these settings. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
