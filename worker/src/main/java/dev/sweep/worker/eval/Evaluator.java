package dev.sweep.worker.eval;

import dev.sweep.common.trial.TaskType;
import java.util.List;
import java.util.TreeMap;

/** Scores predictions against targets. Regression: MCRMSE (lower is better); classification: accuracy. */
public final class Evaluator {
    private Evaluator() {}

    /** MCRMSE, the mean over targets of each target's RMSE, with each as {@code rmse_<target>}. */
    public static MetricSet regression(float[][] predictions, float[][] targets, List<String> targetNames) {
        double[] perTarget = rmsePerTarget(predictions, targets);
        if (perTarget.length != targetNames.size()) {
            throw new IllegalArgumentException("predictions have " + perTarget.length + " targets but "
                    + targetNames.size() + " names were given");
        }
        TreeMap<String, Double> values = new TreeMap<>();
        double sum = 0;
        for (int k = 0; k < perTarget.length; k++) {
            values.put("rmse_" + targetNames.get(k), perTarget[k]);
            sum += perTarget[k];
        }
        values.put("mcrmse", sum / perTarget.length);
        return new MetricSet(TaskType.REGRESSION.primaryMetric(), TaskType.REGRESSION.higherIsBetter(), values);
    }

    /** Accuracy and macro-F1 of the argmax of the logits. */
    public static MetricSet classification(float[][] logits, int[] labels, int numClasses) {
        int[] predicted = new int[logits.length];
        for (int i = 0; i < logits.length; i++) {
            predicted[i] = argMax(logits[i]);
        }
        TreeMap<String, Double> values = new TreeMap<>();
        values.put("accuracy", accuracy(predicted, labels));
        values.put("macro_f1", macroF1(predicted, labels, numClasses));
        return new MetricSet(TaskType.CLASSIFICATION.primaryMetric(), TaskType.CLASSIFICATION.higherIsBetter(), values);
    }

    public static double[] rmsePerTarget(float[][] predictions, float[][] targets) {
        requireSameLength(predictions.length, targets.length);
        if (predictions.length == 0) {
            throw new IllegalArgumentException("cannot score an empty evaluation set");
        }
        int k = targets[0].length;
        double[] squared = new double[k];
        for (int i = 0; i < predictions.length; i++) {
            for (int j = 0; j < k; j++) {
                double d = predictions[i][j] - targets[i][j];
                squared[j] += d * d;
            }
        }
        double[] rmse = new double[k];
        for (int j = 0; j < k; j++) {
            rmse[j] = Math.sqrt(squared[j] / predictions.length);
        }
        return rmse;
    }

    public static double accuracy(int[] predicted, int[] actual) {
        requireSameLength(predicted.length, actual.length);
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == actual[i] ? 1 : 0;
        }
        return (double) right / predicted.length;
    }

    /**
     * The mean of per-class F1 over classes that occur among the actual or predicted labels; a
     * precision or recall of 0/0 counts as 0, as scikit-learn's {@code zero_division=0}.
     */
    public static double macroF1(int[] predicted, int[] actual, int numClasses) {
        requireSameLength(predicted.length, actual.length);
        int[] tp = new int[numClasses];
        int[] fp = new int[numClasses];
        int[] fn = new int[numClasses];
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == actual[i]) {
                tp[actual[i]]++;
            } else {
                fp[predicted[i]]++;
                fn[actual[i]]++;
            }
        }
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < numClasses; c++) {
            if (tp[c] + fp[c] + fn[c] == 0) {
                continue;
            }
            double precision = tp[c] + fp[c] == 0 ? 0 : (double) tp[c] / (tp[c] + fp[c]);
            double recall = tp[c] + fn[c] == 0 ? 0 : (double) tp[c] / (tp[c] + fn[c]);
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes++;
        }
        return classes == 0 ? 0 : sum / classes;
    }

    /** Clips each target's predictions to [min, max] of that target. */
    public static float[][] clip(float[][] predictions, float[] min, float[] max) {
        float[][] out = new float[predictions.length][];
        for (int i = 0; i < predictions.length; i++) {
            out[i] = new float[predictions[i].length];
            for (int k = 0; k < out[i].length; k++) {
                out[i][k] = Math.max(min[k], Math.min(max[k], predictions[i][k]));
            }
        }
        return out;
    }

    static int argMax(float[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }

    private static void requireSameLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("predictions and targets must have the same length, but got " + a + " and " + b);
        }
    }
}
