package dev.sweep.coordinator.ensemble;

import static dev.sweep.common.trial.Checks.require;

import java.util.List;

/**
 * Ensemble selection by hill climbing (Caruana, Niculescu-Mizil, Crew and Ksikes 2004, "Ensemble
 * Selection from Libraries of Models"): start from the best single member, then add, one at a time
 * and with replacement, the member whose addition scores best on the fitting rows, for a fixed
 * number of steps. A member's weight is how often it was added over the steps taken, so the
 * weights are non-negative and sum to 1, and a member that never helps gets 0. Deterministic:
 * ties go to the member listed first.
 */
public final class HillClimbing {
    private final Scoring scoring;
    private final int steps;

    /** @param steps additions after the first member (Caruana's library used 100-odd) */
    public HillClimbing(Scoring scoring, int steps) {
        require(steps >= 1, "hill climbing needs at least one step, but got " + steps);
        this.scoring = scoring;
        this.steps = steps;
    }

    /**
     * @param members each member's predictions in averaging space, by row index
     * @param truth the truth by row index
     * @param rows the rows the weights are fit on
     */
    public double[] fit(List<double[][]> members, double[][] truth, int[] rows) {
        int m = members.size();
        require(m >= 1, "an ensemble needs at least one member");
        int[] counts = new int[m];
        int best = 0;
        double bestScore = Double.NaN;
        for (int j = 0; j < m; j++) {
            double s = scoring.score(Scoring.blend(members, unit(m, j), rows), truth, rows);
            if (j == 0 || scoring.better(s, bestScore)) {
                best = j;
                bestScore = s;
            }
        }
        counts[best] = 1;
        int total = 1;
        for (int step = 0; step < steps; step++) {
            int pick = -1;
            double pickScore = Double.NaN;
            for (int j = 0; j < m; j++) {
                counts[j]++;
                double s = scoring.score(Scoring.blend(members, weights(counts, total + 1), rows), truth, rows);
                counts[j]--;
                if (pick < 0 || scoring.better(s, pickScore)) {
                    pick = j;
                    pickScore = s;
                }
            }
            counts[pick]++;
            total++;
        }
        return weights(counts, total);
    }

    private static double[] unit(int m, int j) {
        double[] w = new double[m];
        w[j] = 1;
        return w;
    }

    private static double[] weights(int[] counts, int total) {
        double[] w = new double[counts.length];
        for (int j = 0; j < counts.length; j++) {
            w[j] = (double) counts[j] / total;
        }
        return w;
    }
}
