package dev.sweep.coordinator.bench;

import java.util.Arrays;

/**
 * Percentiles of a sample by the nearest-rank method: the smallest value with at least q% of the
 * sample at or below it. No interpolation, so a p99 is a latency some trial really saw.
 */
public final class Percentiles {
    private final double[] sorted;

    public Percentiles(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("percentiles of an empty sample are undefined");
        }
        for (double v : values) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("a sample with NaN has no percentiles");
            }
        }
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /** @param q in (0, 100] */
    public double at(double q) {
        if (!(q > 0 && q <= 100)) {
            throw new IllegalArgumentException("a percentile lies in (0, 100], but got " + q);
        }
        int rank = (int) Math.ceil(q / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public double median() {
        return at(50);
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public int size() {
        return sorted.length;
    }
}
