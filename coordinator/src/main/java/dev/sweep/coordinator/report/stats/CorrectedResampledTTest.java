package dev.sweep.coordinator.report.stats;

import static dev.sweep.common.trial.Checks.require;

/**
 * The corrected resampled t-test of Nadeau and Bengio (2003), for results on K cross-validation
 * folds of one data set. The folds' training sets overlap, so their results are correlated and
 * the plain paired t-test overstates significance; the correction multiplies the variance of the
 * mean by (1/J + n_test/n_train) instead of 1/J, with J the number of results and, for K-fold,
 * n_test/n_train = 1/(K - 1); df = J - 1.
 *
 * <p>The units are the folds: a fold's improvement is the mean over its matched seeds. The
 * seeds of a fold train on the same split (the folds are drawn from validation.seed, not the
 * training seed), so they are not the r repetitions of repeated cross-validation that
 * Bouckaert and Frank's (2004) r x k correction assumes; counting them as such would shrink
 * the variance by seeds that share their fold's data.
 */
public final class CorrectedResampledTTest {
    public static final String METHOD = "Nadeau-Bengio corrected resampled t-test";
    static final String NO_SEED_COUNT = "with folds the test's units are the folds; more seeds narrow each fold's mean "
            + "but add no unit, so no seed count is estimated";

    private CorrectedResampledTTest() {}

    /**
     * @param foldImprovements per fold, the mean improvement over its matched seeds (positive = better)
     * @param pairs the matched (seed, fold) pairs behind them
     * @param folds K, the number of folds the data set is split into
     */
    public static Comparison of(String against, double[] foldImprovements, int pairs, int folds, double scale) {
        require(folds >= 2, "the corrected resampled t-test needs K >= 2 folds, but got " + folds);
        require(foldImprovements.length <= folds, "there are at most K = " + folds + " fold results, but got "
                + foldImprovements.length);
        double testOverTrain = 1.0 / (folds - 1);
        int j = foldImprovements.length;
        double factor = j == 0 ? Double.NaN : 1.0 / j + testOverTrain;
        return TStatistic.of(METHOD, "fold", pairs, foldImprovements, factor, scale, false, NO_SEED_COUNT)
                .against(against);
    }

    /** The variance factor 1/J + 1/(K - 1) for J fold results out of K folds. */
    public static double varianceFactor(int results, int folds) {
        return 1.0 / results + 1.0 / (folds - 1);
    }
}
