package dev.sweep.worker.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FoldsTest {
    /** 1,000 essays with six scores in steps of 0.5 from 1 to 5, correlated as in the ELL data. */
    private static float[][] essayScores(long seed) {
        Random rng = new Random(seed);
        float[][] t = new float[1000][6];
        for (float[] row : t) {
            double level = 3 + rng.nextGaussian() * 0.6;
            for (int k = 0; k < 6; k++) {
                double s = Math.round((level + rng.nextGaussian() * 0.4) * 2) / 2.0;
                row[k] = (float) Math.max(1, Math.min(5, s));
            }
        }
        return t;
    }

    private static double[][] foldMeans(float[][] t, int[] fold, int k) {
        double[][] sum = new double[k][t[0].length];
        int[] count = new int[k];
        for (int r = 0; r < t.length; r++) {
            count[fold[r]]++;
            for (int j = 0; j < t[r].length; j++) {
                sum[fold[r]][j] += t[r][j];
            }
        }
        for (int f = 0; f < k; f++) {
            for (int j = 0; j < t[0].length; j++) {
                sum[f][j] /= count[f];
            }
        }
        return sum;
    }

    private static double worstMeanGap(float[][] t, int[] fold, int k) {
        double[][] means = foldMeans(t, fold, k);
        double worst = 0;
        for (int j = 0; j < t[0].length; j++) {
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (int f = 0; f < k; f++) {
                lo = Math.min(lo, means[f][j]);
                hi = Math.max(hi, means[f][j]);
            }
            worst = Math.max(worst, hi - lo);
        }
        return worst;
    }

    @Test
    void multilabelFoldsAreBalancedInSizeAndInEveryTargetsMean() {
        float[][] t = essayScores(3);
        int[] fold = Folds.multilabelStratified(t, 4, 42);
        int[] size = new int[4];
        for (int f : fold) {
            assertTrue(f >= 0 && f < 4, "every row gets a fold");
            size[f]++;
        }
        int min = Math.min(Math.min(size[0], size[1]), Math.min(size[2], size[3]));
        int max = Math.max(Math.max(size[0], size[1]), Math.max(size[2], size[3]));
        assertTrue(max - min <= 10, "fold sizes " + java.util.Arrays.toString(size));
        // compared with random assignment of the same data, averaged over 20 shuffles
        double stratified = worstMeanGap(t, fold, 4);
        double random = 0;
        Random rng = new Random(9);
        for (int trial = 0; trial < 20; trial++) {
            int[] r = new int[t.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = i % 4;
            }
            for (int i = r.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int x = r[i];
                r[i] = r[j];
                r[j] = x;
            }
            random += worstMeanGap(t, r, 4) / 20;
        }
        assertTrue(stratified < random / 2, "stratified gap " + stratified + " vs random " + random);
        // a tenth of a half-point score step, where a random split of this data gives about 0.1
        assertTrue(stratified < 0.05, "worst gap between fold means " + stratified);
    }

    @Test
    void stratifiedFoldsKeepEachClassWithinOneOfItsShare() {
        int[] labels = new int[103];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 13 ? 2 : i < 50 ? 1 : 0;
        }
        int[] fold = Folds.stratified(labels, 5, 1);
        int[][] count = new int[5][3];
        for (int i = 0; i < labels.length; i++) {
            count[fold[i]][labels[i]]++;
        }
        int[] total = {53, 37, 13};
        for (int f = 0; f < 5; f++) {
            for (int c = 0; c < 3; c++) {
                assertTrue(Math.abs(count[f][c] - total[c] / 5.0) < 1, "fold " + f + " class " + c + ": " + count[f][c]);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameFolds() {
        float[][] t = essayScores(5);
        assertArrayEquals(Folds.multilabelStratified(t, 4, 1), Folds.multilabelStratified(t, 4, 1));
    }
}
