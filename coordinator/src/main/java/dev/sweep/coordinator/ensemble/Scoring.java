package dev.sweep.coordinator.ensemble;

import java.util.List;

/**
 * How predictions of several models combine and score. Regression: the scores average, scored
 * by MCRMSE (the mean over targets of each target's RMSE; lower is better). Classification: each
 * model's logits become probabilities (softmax) and the probabilities average, scored by accuracy
 * (the argmax against the label; higher is better). Members are matrices over the same rows.
 */
public final class Scoring {
    private final boolean classification;

    public Scoring(boolean classification) {
        this.classification = classification;
    }

    public boolean higherIsBetter() {
        return classification;
    }

    public String metric() {
        return classification ? "accuracy" : "mcrmse";
    }

    /** A member's predictions in the space they average in: probabilities, or the scores themselves. */
    public double[][] averagingSpace(double[][] predictions) {
        if (!classification) {
            return predictions;
        }
        double[][] p = new double[predictions.length][];
        for (int i = 0; i < predictions.length; i++) {
            double[] z = predictions[i];
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            p[i] = new double[z.length];
            for (int k = 0; k < z.length; k++) {
                p[i][k] = Math.exp(z[k] - max);
                sum += p[i][k];
            }
            for (int k = 0; k < z.length; k++) {
                p[i][k] /= sum;
            }
        }
        return p;
    }

    /** The weighted mean of members already in averaging space, over the rows {@code rows}. */
    public static double[][] blend(List<double[][]> members, double[] weights, int[] rows) {
        int width = members.get(0)[0].length;
        double[][] out = new double[rows.length][width];
        for (int m = 0; m < members.size(); m++) {
            if (weights[m] == 0) {
                continue;
            }
            double[][] x = members.get(m);
            for (int i = 0; i < rows.length; i++) {
                for (int k = 0; k < width; k++) {
                    out[i][k] += weights[m] * x[rows[i]][k];
                }
            }
        }
        return out;
    }

    /** The metric of {@code blended} (rows in order) against the truth at {@code rows}. */
    public double score(double[][] blended, double[][] truth, int[] rows) {
        if (classification) {
            int right = 0;
            for (int i = 0; i < rows.length; i++) {
                double[] p = blended[i];
                int arg = 0;
                for (int k = 1; k < p.length; k++) {
                    arg = p[k] > p[arg] ? k : arg;
                }
                right += arg == (int) truth[rows[i]][0] ? 1 : 0;
            }
            return (double) right / rows.length;
        }
        int targets = truth[0].length;
        double sum = 0;
        for (int k = 0; k < targets; k++) {
            double ss = 0;
            for (int i = 0; i < rows.length; i++) {
                double d = blended[i][k] - truth[rows[i]][k];
                ss += d * d;
            }
            sum += Math.sqrt(ss / rows.length);
        }
        return sum / targets;
    }

    /** Whether score a is better than b in the metric's direction. */
    public boolean better(double a, double b) {
        return classification ? a > b : a < b;
    }
}
