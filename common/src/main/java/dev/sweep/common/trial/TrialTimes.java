package dev.sweep.common.trial;

/**
 * Where one trial's wall time went, in seconds, as the worker measured it: what a user tunes is
 * the steps, so everything else is overhead to cut. The phases do not overlap; {@link #other()}
 * is what none of them covers (the loop's own bookkeeping, logging).
 *
 * @param modelLoad reading the pretrained weights and building the encoder from them
 * @param tokenize reading the data file and tokenising it (0 when this worker had it cached)
 * @param setup the head, the tricks, the vocabulary check and the optimizer, before the first step
 * @param steps the training steps (forward, backward, optimizer, every trick's extra passes)
 * @param evaluation scoring the validation split, evaluation weights (EMA, SWA) swapped in included
 * @param checkpoint keeping the best weights on the host and writing the model folder and predictions
 * @param total from the start of the trial on the worker to the end of its files
 */
public record TrialTimes(double modelLoad, double tokenize, double setup, double steps, double evaluation,
        double checkpoint, double total) {
    public TrialTimes {
        for (double v : new double[] {modelLoad, tokenize, setup, steps, evaluation, checkpoint, total}) {
            Checks.require(v >= 0 && Double.isFinite(v), "a trial's phase times must be finite seconds >= 0, but got "
                    + v);
        }
    }

    /** The wall time no phase covers. */
    public double other() {
        return Math.max(0, total - modelLoad - tokenize - setup - steps - evaluation - checkpoint);
    }

    /** The share of the wall time that is not training steps: what the overhead goal is about. */
    public double overheadShare() {
        return total == 0 ? 0 : (total - steps) / total;
    }
}
