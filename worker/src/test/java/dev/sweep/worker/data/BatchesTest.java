package dev.sweep.worker.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.sweep.common.trial.TaskType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchesTest {
    /** Examples of lengths 2..41 in a scrambled order. */
    private static EncodedSplit split() {
        List<EncodedExample> ex = new ArrayList<>();
        Random rng = new Random(3);
        for (int i = 0; i < 200; i++) {
            int len = 2 + rng.nextInt(40);
            long[] ids = new long[len];
            Arrays.fill(ids, 7);
            ex.add(new EncodedExample(i, i + 2, ids, new long[len], new float[] {i, -i}, -1));
        }
        return new EncodedSplit(ex);
    }

    private static long padding(EncodedSplit s, List<int[]> batches) {
        long pad = 0;
        for (int[] b : batches) {
            int max = Arrays.stream(b).map(i -> s.get(i).length()).max().orElse(0);
            for (int i : b) {
                pad += max - s.get(i).length();
            }
        }
        return pad;
    }

    @Test
    void everyExampleIsInExactlyOneBatch() {
        EncodedSplit s = split();
        for (boolean bucket : new boolean[] {false, true}) {
            List<int[]> plan = Batches.plan(s, 16, true, bucket, new Random(1));
            assertEquals(13, plan.size());
            int[] all = plan.stream().flatMapToInt(Arrays::stream).sorted().toArray();
            assertArrayEquals(java.util.stream.IntStream.range(0, 200).toArray(), all);
        }
    }

    @Test
    void bucketingByLengthCutsPadding() {
        EncodedSplit s = split();
        long plain = padding(s, Batches.plan(s, 16, true, false, new Random(1)));
        long bucketed = padding(s, Batches.plan(s, 16, true, true, new Random(1)));
        assertTrue(bucketed * 5 < plain, "padding " + bucketed + " bucketed vs " + plain);
    }

    @Test
    void theSameSeedGivesTheSameOrder() {
        EncodedSplit s = split();
        List<int[]> a = Batches.plan(s, 16, true, true, new Random(5));
        List<int[]> b = Batches.plan(s, 16, true, true, new Random(5));
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
    }

    @Test
    void aBatchIsPaddedToItsLongestMemberWithAMask() {
        EncodedSplit s = new EncodedSplit(List.of(
                new EncodedExample(4, 5, new long[] {101, 5, 102}, new long[] {0, 0, 0}, new float[] {1f, 2f}, -1),
                new EncodedExample(9, 10, new long[] {101, 102}, new long[] {0, 0}, new float[] {3f, 4f}, -1)));
        try (NDManager m = NDManager.newBaseManager()) {
            Batch b = Batches.materialize(m, s, new int[] {1, 0}, TaskType.REGRESSION);
            assertArrayEquals(new long[] {2, 3}, b.inputIds().getShape().getShape());
            assertArrayEquals(new long[] {101, 102, 0, 101, 5, 102}, b.inputIds().toLongArray());
            assertArrayEquals(new long[] {1, 1, 0, 1, 1, 1}, b.attentionMask().toLongArray());
            assertArrayEquals(new float[] {3f, 4f, 1f, 2f}, b.targets().toFloatArray());
            assertArrayEquals(new int[] {9, 4}, b.rows());
        }
    }
}
