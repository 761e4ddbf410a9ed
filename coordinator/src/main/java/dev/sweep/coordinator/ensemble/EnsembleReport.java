package dev.sweep.coordinator.ensemble;

import java.util.List;
import java.util.Map;

/**
 * The ensembles of a sweep, scored on its validation rows.
 *
 * @param metric the primary metric (mcrmse or accuracy) and its direction
 * @param predictionsFile which file of each trial was used: the last evaluation's (the report's
 *     default, chosen without looking at the validation rows) or the best checkpoint's (optimistic)
 * @param seedAverages each configuration's seeds averaged as predictions, beside its mean single seed
 * @param blend the blend across configurations, or null with fewer than two configurations
 */
public record EnsembleReport(String metric, boolean higherIsBetter, String predictionsFile,
        List<SeedAverage> seedAverages, Blend blend) {
    /**
     * @param seeds the trials averaged
     * @param rows the validation rows all of them predicted
     * @param singleMean the mean of the seeds' own scores on those rows
     * @param averaged the score of their averaged predictions
     */
    public record SeedAverage(String configuration, int seeds, int rows, double singleMean, double averaged) {}

    /**
     * @param members the configurations blended (each its seeds' average)
     * @param rows the rows every member predicted
     * @param plain the plain average of the members on all rows
     * @param plainHalves the plain average scored as the honest fit is: the mean of its scores on
     *     the two halves
     * @param weights the weights fit on all rows (what {@code ./sweep ensemble} writes)
     * @param inSample the fitted blend scored on the rows it was fit on: optimistic
     * @param honest weights fit on one half of the rows and scored on the other, both ways, averaged
     * @param halfWeights the weights each half's fit chose (first half, second half)
     */
    public record Blend(List<String> members, int rows, double plain, double plainHalves, Map<String, Double> weights,
            double inSample, double honest, List<Map<String, Double>> halfWeights,
            @com.fasterxml.jackson.annotation.JsonIgnore Map<Integer, double[]> predictions) {}

    /** Each configuration's FMA score where the sweep has one (weights averaged), for the side-by-side view. */
    public record Fusion(String configuration, double singleMean, double seedAverage, Double fma) {}
}
