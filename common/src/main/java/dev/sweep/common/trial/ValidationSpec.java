package dev.sweep.common.trial;

import static dev.sweep.common.trial.Checks.orDefault;
import static dev.sweep.common.trial.Checks.require;

/**
 * How the held-out data is chosen: K folds (this trial trains on all folds but {@code fold}),
 * a separate validation file, or a random fraction of the training file. Exactly one applies:
 * {@code file} wins over {@code folds}, which wins over {@code fraction}.
 */
public record ValidationSpec(Integer folds, Integer fold, String file, Double fraction, Long seed) {
    public ValidationSpec {
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

    public static ValidationSpec defaults() {
        return new ValidationSpec(null, null, null, null, null);
    }

    public boolean usesFolds() {
        return file == null && folds > 0;
    }
}
