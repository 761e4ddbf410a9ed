package dev.sweep.common.trial;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a finished trial reports: its metrics, how they evolved, and what it cost.
 *
 * @param primaryMetric the metric that picks the best checkpoint (mcrmse, accuracy)
 * @param higherIsBetter the direction of the primary metric
 * @param best metrics of the best evaluation; the saved model is that checkpoint
 * @param bestStep optimizer step of the best evaluation
 * @param last metrics of the last evaluation
 * @param history every evaluation in order
 * @param steps optimizer steps taken
 * @param skippedSteps steps dropped because the gradient norm was not finite (clipping on only)
 * @param wallSeconds time from the first step to the end of the last evaluation
 * @param samplesPerSecond training examples per second over the training steps alone
 * @param msPerStep median wall milliseconds per optimizer step
 * @param peakHeapBytes the JVM heap's peak use
 * @param peakNativeBytes the process's peak resident memory (VmHWM), native tensors included
 * @param output the trial's output folder
 * @param environment device, threads and engine it trained with (null in logs written before it existed)
 * @param times where the trial's wall time went, phase by phase (null in logs written before it existed)
 */
public record TrialResult(
        String primaryMetric,
        boolean higherIsBetter,
        SortedMap<String, Double> best,
        int bestStep,
        SortedMap<String, Double> last,
        List<EvalPoint> history,
        int steps,
        int skippedSteps,
        double wallSeconds,
        double samplesPerSecond,
        double msPerStep,
        long peakHeapBytes,
        long peakNativeBytes,
        String output,
        TrialEnvironment environment,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        TrialTimes times) {
    public TrialResult {
        best = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(best));
        last = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(last));
        history = List.copyOf(history);
    }

    /** A result without its phase times (logs from before they were recorded). */
    public TrialResult(String primaryMetric, boolean higherIsBetter, SortedMap<String, Double> best, int bestStep,
            SortedMap<String, Double> last, List<EvalPoint> history, int steps, int skippedSteps, double wallSeconds,
            double samplesPerSecond, double msPerStep, long peakHeapBytes, long peakNativeBytes, String output,
            TrialEnvironment environment) {
        this(primaryMetric, higherIsBetter, best, bestStep, last, history, steps, skippedSteps, wallSeconds,
                samplesPerSecond, msPerStep, peakHeapBytes, peakNativeBytes, output, environment, null);
    }

    /** A result without its environment (tests of the report, logs from before it was recorded). */
    public TrialResult(String primaryMetric, boolean higherIsBetter, SortedMap<String, Double> best, int bestStep,
            SortedMap<String, Double> last, List<EvalPoint> history, int steps, int skippedSteps, double wallSeconds,
            double samplesPerSecond, double msPerStep, long peakHeapBytes, long peakNativeBytes, String output) {
        this(primaryMetric, higherIsBetter, best, bestStep, last, history, steps, skippedSteps, wallSeconds,
                samplesPerSecond, msPerStep, peakHeapBytes, peakNativeBytes, output, null, null);
    }

    public double bestPrimary() {
        return best.get(primaryMetric);
    }
}
