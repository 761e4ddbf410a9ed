package dev.sweep.coordinator.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hill climbing and the scoring it climbs, on cases worked out by hand. */
class HillClimbingTest {
    private static final int[] ALL4 = {0, 1, 2, 3};

    @Test
    void twoModelsWhoseErrorsCancelGetHalfEachAndANoisyThirdGetsNothing() {
        // truth y = (1, 2, 3, 4); A = y + 0.5, B = y - 0.5, C = y + (2, -2, 2, -2): 0.5 A + 0.5 B = y exactly,
        // so MCRMSE 0; any weight on C adds error. Caruana's greedy: the best single is A or B (RMSE 0.5 each,
        // A first), the first addition B gives y (score 0), then each step adds whichever keeps the mean closest.
        double[][] y = {{1}, {2}, {3}, {4}};
        double[][] a = {{1.5}, {2.5}, {3.5}, {4.5}};
        double[][] b = {{0.5}, {1.5}, {2.5}, {3.5}};
        double[][] c = {{3}, {0}, {5}, {2}};
        double[] w = new HillClimbing(new Scoring(false), 100).fit(List.of(a, b, c), y, ALL4);
        // 101 additions: A first, then B and A in turn (B, A, B, ...): A 51, B 50 -> 51/101, 50/101
        assertArrayEquals(new double[] {51.0 / 101, 50.0 / 101, 0}, w, 1e-12);
        assertEquals(1.0, w[0] + w[1] + w[2], 1e-12, "weights sum to 1");
    }

    @Test
    void theMcrmseIsTheMeanOfTheTargetsRmse() {
        // two targets: errors (1, -1) on target 1 -> RMSE 1; (0, 2) on target 2 -> RMSE sqrt(2); mean (1 + sqrt 2) / 2
        double[][] truth = {{0, 0}, {0, 0}};
        double[][] pred = {{1, 0}, {-1, 2}};
        double s = new Scoring(false).score(pred, truth, new int[] {0, 1});
        assertEquals((1 + Math.sqrt(2)) / 2, s, 1e-12);
    }

    @Test
    void classificationAveragesProbabilitiesNotLogits() {
        // three members' logit differences z1 - z0 of +10, -2, -2: their mean, +2, says class 1; their
        // probabilities of class 1, sigmoid(d) = 0.99995, 0.1192, 0.1192, average 0.4128 < 0.5: class 0
        Scoring s = new Scoring(true);
        List<double[][]> members = List.of(s.averagingSpace(new double[][] {{0, 10}}),
                s.averagingSpace(new double[][] {{2, 0}}), s.averagingSpace(new double[][] {{2, 0}}));
        double[][] blended = Scoring.blend(members, new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, new int[] {0});
        double expected = (1 / (1 + Math.exp(-10)) + 2 / (1 + Math.exp(2))) / 3;
        assertEquals(expected, blended[0][1], 1e-12);
        assertEquals(0.4128, blended[0][1], 1e-4);
        assertEquals(1.0, s.score(blended, new double[][] {{0}}, new int[] {0}), "class 0, as the probabilities say");
    }

    @Test
    void aHalfSplitIsAPartitionOfTheRowsThatDoesNotDependOnTheCall() {
        int[][] h = Ensembles.halves(11);
        assertEquals(5, h[0].length);
        assertEquals(6, h[1].length);
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int[] part : h) {
            for (int r : part) {
                assertTrue(seen.add(r), "row " + r + " in both halves");
            }
        }
        assertEquals(11, seen.size());
        assertArrayEquals(h[0], Ensembles.halves(11)[0], "a fixed seed: the same halves every time");
    }
}
