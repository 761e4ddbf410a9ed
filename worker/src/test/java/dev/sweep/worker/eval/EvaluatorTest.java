package dev.sweep.worker.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    @Test
    void mcrmseIsTheMeanOfEachTargetsRmse() {
        // target a: errors 1, -1, 0 -> rmse sqrt(2/3); target b: errors 0, 2, 2 -> rmse sqrt(8/3)
        float[][] pred = {{2, 3}, {1, 5}, {3, 1}};
        float[][] target = {{1, 3}, {2, 3}, {3, 3}};
        MetricSet m = Evaluator.regression(pred, target, List.of("a", "b"));
        assertEquals(Math.sqrt(2.0 / 3), m.values().get("rmse_a"), 1e-12);
        assertEquals(Math.sqrt(8.0 / 3), m.values().get("rmse_b"), 1e-12);
        assertEquals((Math.sqrt(2.0 / 3) + Math.sqrt(8.0 / 3)) / 2, m.primaryValue(), 1e-12);
        assertEquals("mcrmse", m.primary());
        assertFalse(m.higherIsBetter());
    }

    @Test
    void accuracyAndMacroF1FollowTheirDefinitions() {
        // actual 0,0,1,1,2 ; predicted (argmax) 0,1,1,1,0
        float[][] logits = {{5, 1, 0}, {0, 2, 1}, {0, 3, 0}, {1, 2, 0}, {4, 0, 1}};
        int[] labels = {0, 0, 1, 1, 2};
        MetricSet m = Evaluator.classification(logits, labels, 3);
        assertEquals(3.0 / 5, m.values().get("accuracy"), 1e-12);
        // class 0: tp1 fp1 fn1 -> f1 0.5; class 1: tp2 fp1 fn0 -> p 2/3 r 1 -> 0.8; class 2: tp0 fn1 -> 0
        assertEquals((0.5 + 0.8 + 0) / 3, m.values().get("macro_f1"), 1e-12);
        assertTrue(m.higherIsBetter());
    }

    @Test
    void aClassNeitherPresentNorPredictedIsLeftOutOfMacroF1() {
        assertEquals(1.0, Evaluator.macroF1(new int[] {0, 1}, new int[] {0, 1}, 5), 1e-12);
    }

    @Test
    void clippingKeepsEachTargetInItsOwnRange() {
        float[][] out = Evaluator.clip(new float[][] {{0.2f, 9f}, {3f, 2f}}, new float[] {1, 3}, new float[] {5, 4});
        assertArrayEquals(new float[] {1f, 4f}, out[0]);
        assertArrayEquals(new float[] {3f, 3f}, out[1]);
    }

    @Test
    void betterMeansLowerForMcrmseAndHigherForAccuracyAndNeverNaN() {
        MetricSet low = new MetricSet("mcrmse", false, new TreeMap<>(Map.of("mcrmse", 0.4)));
        MetricSet high = new MetricSet("mcrmse", false, new TreeMap<>(Map.of("mcrmse", 0.5)));
        MetricSet nan = new MetricSet("mcrmse", false, new TreeMap<>(Map.of("mcrmse", Double.NaN)));
        assertTrue(low.isBetterThan(high));
        assertFalse(high.isBetterThan(low));
        assertFalse(nan.isBetterThan(high));
        assertTrue(high.isBetterThan(nan));
        MetricSet acc = new MetricSet("accuracy", true, new TreeMap<>(Map.of("accuracy", 0.9)));
        assertTrue(acc.isBetterThan(new MetricSet("accuracy", true, new TreeMap<>(Map.of("accuracy", 0.8)))));
    }
}
