package dev.sweep.common.trial;

import static dev.sweep.common.trial.Checks.orDefault;
import static dev.sweep.common.trial.Checks.require;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the held-out data is chosen: K folds (this trial trains on all folds but {@code fold}),
 * a separate validation file, or a random fraction of the training file. Exactly one applies:
 * {@code file} wins over {@code folds}, which wins over {@code fraction}.
 *
 * @param seed draws the fraction or the folds
 * @param resample in a sweep, draw each trial's split with its own training seed instead of
 *     {@code seed}, so that the spread over seeds includes the choice of held-out rows (seeds are
 *     still paired: a trick and the reference with the same seed share a split). The planner
 *     writes the trial's seed into its {@code seed}. Left out of the JSON when off, so trial ids
 *     of sweeps without it stay as they were.
 */
public record ValidationSpec(Integer folds, Integer fold, String file, Double fraction, Long seed,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean resample) {
    public ValidationSpec {
        resample = Boolean.TRUE.equals(resample) ? Boolean.TRUE : null;
        require(resample == null || file == null,
                "task.validation.resample draws the held-out rows anew per seed, but a validation file is fixed; "
                        + "remove one of them");
        folds = orDefault(folds, 0);
        fold = orDefault(fold, 0);
        fraction = orDefault(fraction, 0.2);
        seed = orDefault(seed, 42L);
        require(folds == 0 || folds >= 2,
                "task.validation.folds must be 0 (no folds) or >= 2, but got " + folds);
        require(folds == 0 || (fold >= 0 && fold < folds),
                "task.validation.fold must satisfy 0 <= fold < folds, but got fold=" + fold + ", folds=" + folds);
        require(fraction > 0 && fraction < 1,
                "task.validation.fraction must lie in (0, 1), but got " + fraction);
    }

    /** The old five-field form: no resampling. */
    public ValidationSpec(Integer folds, Integer fold, String file, Double fraction, Long seed) {
        this(folds, fold, file, fraction, seed, null);
    }

    public static ValidationSpec defaults() {
        return new ValidationSpec(null, null, null, null, null);
    }

    public boolean resamples() {
        return resample != null;
    }

    /** The same split rule drawn with {@code newSeed}. */
    public ValidationSpec withSeed(long newSeed) {
        return new ValidationSpec(folds, fold, file, fraction, newSeed, resample);
    }

    public boolean usesFolds() {
        return file == null && folds > 0;
    }
}
