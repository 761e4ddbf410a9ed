package dev.sweep.worker.data;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sweep.common.trial.TaskType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Cuts a split into batches and puts a batch on the engine, padded only to its own longest member. */
public final class Batches {
    /** Bucketing sorts by length within windows of this many batches, so order stays random across windows. */
    private static final int BUCKET_WINDOW_BATCHES = 50;

    private Batches() {}

    /**
     * Example indices of each batch; every index exactly once, the last batch possibly smaller.
     *
     * @param bucketByLength group examples of similar length so batches carry little padding
     * @param rng the shuffle's source; unused when neither shuffling nor bucketing
     */
    public static List<int[]> plan(EncodedSplit split, int batchSize, boolean shuffle, boolean bucketByLength,
            Random rng) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, but got " + batchSize);
        }
        List<Integer> order = new ArrayList<>(split.size());
        for (int i = 0; i < split.size(); i++) {
            order.add(i);
        }
        if (shuffle) {
            Collections.shuffle(order, rng);
        }
        if (bucketByLength) {
            int window = batchSize * BUCKET_WINDOW_BATCHES;
            Comparator<Integer> byLength = Comparator.comparingInt(i -> split.get(i).length());
            for (int start = 0; start < order.size(); start += window) {
                order.subList(start, Math.min(order.size(), start + window)).sort(byLength);
            }
        }
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.size(); start += batchSize) {
            batches.add(order.subList(start, Math.min(order.size(), start + batchSize)).stream()
                    .mapToInt(Integer::intValue).toArray());
        }
        if (bucketByLength && shuffle) {
            Collections.shuffle(batches, rng); // long and short batches interleave over the epoch
        }
        return batches;
    }

    /** The batch's arrays, made in {@code manager} (the caller's per-step scope). */
    public static Batch materialize(NDManager manager, EncodedSplit split, int[] indices, TaskType type) {
        int b = indices.length;
        int t = 0;
        for (int i : indices) {
            t = Math.max(t, split.get(i).length());
        }
        long[] ids = new long[b * t];
        long[] mask = new long[b * t];
        long[] types = new long[b * t];
        int[] rows = new int[b];
        for (int r = 0; r < b; r++) {
            EncodedExample e = split.get(indices[r]);
            System.arraycopy(e.inputIds(), 0, ids, r * t, e.length());
            System.arraycopy(e.typeIds(), 0, types, r * t, e.length());
            Arrays.fill(mask, r * t, r * t + e.length(), 1L);
            rows[r] = e.row();
        }
        Shape shape = new Shape(b, t);
        ai.djl.ndarray.NDArray targets;
        if (type == TaskType.REGRESSION) {
            int k = split.get(indices[0]).targets().length;
            float[] values = new float[b * k];
            for (int r = 0; r < b; r++) {
                System.arraycopy(split.get(indices[r]).targets(), 0, values, r * k, k);
            }
            targets = manager.create(values, new Shape(b, k));
        } else {
            long[] labels = new long[b];
            for (int r = 0; r < b; r++) {
                labels[r] = split.get(indices[r]).label();
            }
            targets = manager.create(labels, new Shape(b));
        }
        return new Batch(manager.create(ids, shape), manager.create(mask, shape), manager.create(types, shape), targets,
                rows);
    }
}
