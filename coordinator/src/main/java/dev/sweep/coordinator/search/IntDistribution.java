package dev.sweep.coordinator.search;

/** An integer in [low, high], uniform or (with {@code log}) log-uniform, as Optuna's {@code IntDistribution} with step 1. */
public record IntDistribution(int low, int high, boolean log) implements Distribution {
    public IntDistribution {
        if (low > high) {
            throw new IllegalArgumentException("low <= high must hold, but got (low=" + low + ", high=" + high + ")");
        }
        if (log && low < 1) {
            throw new IllegalArgumentException("low >= 1 must hold for a log distribution, but got (low=" + low + ", high=" + high + ")");
        }
    }

    @Override
    public boolean contains(Object value) {
        return value instanceof Integer i && i >= low && i <= high;
    }

    @Override
    public double toInternal(Object value) {
        return (Integer) value;
    }

    @Override
    public Object toExternal(double internal) {
        return (int) Math.min(high, Math.max(low, Math.round(internal)));
    }
}
