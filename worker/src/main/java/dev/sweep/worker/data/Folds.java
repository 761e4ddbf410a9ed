package dev.sweep.worker.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Assigns rows to K folds so each fold looks like the whole: stratified by label for
 * classification; for regression, iterative stratification (Sechidis et al., 2011, the method
 * behind MultilabelStratifiedKFold) over each target's binned values.
 */
public final class Folds {
    private static final int MAX_DISTINCT_AS_BINS = 10;
    private static final int QUANTILE_BINS = 5;

    private Folds() {}

    /** Fold of each row: per label, shuffled rows are dealt round the folds, continuing where the last label ended. */
    public static int[] stratified(int[] labels, int k, long seed) {
        Random rng = new Random(seed);
        Map<Integer, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byLabel.computeIfAbsent(labels[i], x -> new ArrayList<>()).add(i);
        }
        int[] fold = new int[labels.length];
        int next = 0;
        for (List<Integer> rows : byLabel.values()) {
            Collections.shuffle(rows, rng);
            for (int row : rows) {
                fold[row] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }

    /** Fold of each row for one or more real-valued targets, {@code targets[row][target]}. */
    public static int[] multilabelStratified(float[][] targets, int k, long seed) {
        int n = targets.length;
        int[][] rowLabels = binnedLabels(targets);
        Map<Integer, List<Integer>> rowsOfLabel = new HashMap<>();
        for (int r = 0; r < n; r++) {
            for (int label : rowLabels[r]) {
                rowsOfLabel.computeIfAbsent(label, x -> new ArrayList<>()).add(r);
            }
        }
        double[] wantedRows = new double[k];
        java.util.Arrays.fill(wantedRows, (double) n / k);
        Map<Integer, double[]> wantedOfLabel = new LinkedHashMap<>();
        rowsOfLabel.forEach((label, rows) -> {
            double[] w = new double[k];
            java.util.Arrays.fill(w, (double) rows.size() / k);
            wantedOfLabel.put(label, w);
        });
        Random rng = new Random(seed);
        int[] fold = new int[n];
        java.util.Arrays.fill(fold, -1);
        int assigned = 0;
        Map<Integer, Integer> remaining = new HashMap<>();
        rowsOfLabel.forEach((label, rows) -> remaining.put(label, rows.size()));
        while (assigned < n) {
            // the rarest label still unassigned goes first: it is the hardest to spread evenly
            int label = -1;
            for (Map.Entry<Integer, Integer> e : remaining.entrySet()) {
                if (e.getValue() > 0 && (label == -1 || e.getValue() < remaining.get(label)
                        || e.getValue().equals(remaining.get(label)) && e.getKey() < label)) {
                    label = e.getKey();
                }
            }
            List<Integer> rows = new ArrayList<>(rowsOfLabel.get(label));
            Collections.shuffle(rows, rng);
            for (int r : rows) {
                if (fold[r] != -1) {
                    continue;
                }
                int f = pickFold(wantedOfLabel.get(label), wantedRows, rng);
                fold[r] = f;
                assigned++;
                wantedRows[f]--;
                for (int l : rowLabels[r]) {
                    wantedOfLabel.get(l)[f]--;
                    remaining.merge(l, -1, Integer::sum);
                }
            }
        }
        return fold;
    }

    private static int pickFold(double[] wantedForLabel, double[] wantedRows, Random rng) {
        List<Integer> best = new ArrayList<>();
        for (int f = 0; f < wantedRows.length; f++) {
            if (best.isEmpty()) {
                best.add(f);
                continue;
            }
            int b = best.get(0);
            int cmp = Double.compare(wantedForLabel[f], wantedForLabel[b]);
            if (cmp == 0) {
                cmp = Double.compare(wantedRows[f], wantedRows[b]);
            }
            if (cmp > 0) {
                best.clear();
                best.add(f);
            } else if (cmp == 0) {
                best.add(f);
            }
        }
        return best.get(rng.nextInt(best.size()));
    }

    /** Each row's labels: one per target, the target's index times a stride plus its bin. */
    static int[][] binnedLabels(float[][] targets) {
        int n = targets.length;
        int t = n == 0 ? 0 : targets[0].length;
        int[][] labels = new int[n][t];
        for (int j = 0; j < t; j++) {
            float[] column = new float[n];
            for (int r = 0; r < n; r++) {
                column[r] = targets[r][j];
            }
            int[] bins = bin(column);
            for (int r = 0; r < n; r++) {
                labels[r][j] = j * 1000 + bins[r];
            }
        }
        return labels;
    }

    /** Distinct values as bins when there are few (scores in steps of 0.5), quantile bins otherwise. */
    static int[] bin(float[] values) {
        float[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        TreeMap<Float, Integer> distinct = new TreeMap<>();
        for (float v : sorted) {
            distinct.putIfAbsent(v, distinct.size());
        }
        int[] bins = new int[values.length];
        if (distinct.size() <= MAX_DISTINCT_AS_BINS) {
            for (int i = 0; i < values.length; i++) {
                bins[i] = distinct.get(values[i]);
            }
            return bins;
        }
        float[] edges = new float[QUANTILE_BINS - 1];
        for (int q = 1; q < QUANTILE_BINS; q++) {
            edges[q - 1] = sorted[(int) ((long) q * sorted.length / QUANTILE_BINS)];
        }
        for (int i = 0; i < values.length; i++) {
            int b = 0;
            while (b < edges.length && values[i] >= edges[b]) {
                b++;
            }
            bins[i] = b;
        }
        return bins;
    }
}
