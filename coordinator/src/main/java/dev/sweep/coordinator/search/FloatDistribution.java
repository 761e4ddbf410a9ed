package dev.sweep.coordinator.search;

/** A real in [low, high], uniform or (with {@code log}) log-uniform, as Optuna's {@code FloatDistribution} without a step. */
public record FloatDistribution(double low, double high, boolean log) implements Distribution {
    public FloatDistribution {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("low and high must be finite, but got (low=" + low + ", high=" + high + ")");
        }
        if (!(low <= high)) {
            throw new IllegalArgumentException("low <= high must hold, but got (low=" + low + ", high=" + high + ")");
        }
        if (log && !(low > 0)) {
            throw new IllegalArgumentException("low > 0 must hold for a log distribution, but got (low=" + low + ", high=" + high + ")");
        }
    }

    @Override
    public boolean contains(Object value) {
        return value instanceof Double d && d >= low && d <= high;
    }

    @Override
    public double toInternal(Object value) {
        return (Double) value;
    }

    @Override
    public Object toExternal(double internal) {
        return Math.min(high, Math.max(low, internal));
    }
}
