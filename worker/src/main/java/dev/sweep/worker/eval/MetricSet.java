package dev.sweep.worker.eval;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The metrics of one evaluation, with the one that decides which checkpoint is best.
 *
 * @param primary the deciding metric's name, a key of {@code values}
 * @param higherIsBetter its direction
 */
public record MetricSet(String primary, boolean higherIsBetter, SortedMap<String, Double> values) {
    public MetricSet {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        if (!values.containsKey(primary)) {
            throw new IllegalArgumentException("primary metric " + primary + " must be among " + values.keySet());
        }
    }

    public double primaryValue() {
        return values.get(primary);
    }

    /** Strictly better on the primary metric; a NaN is never better. */
    public boolean isBetterThan(MetricSet other) {
        double a = primaryValue();
        double b = other.primaryValue();
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return higherIsBetter ? a > b : a < b;
    }
}
