package dev.sweep.common.trial;

/** Validation helpers whose messages state the rule that was broken, with the field's path. */
public final class Checks {
    private Checks() {}

    public static void require(boolean rule, String message) {
        if (!rule) {
            throw new IllegalArgumentException(message);
        }
    }

    public static double positive(String field, double value) {
        require(value > 0 && Double.isFinite(value), field + " must be > 0, but got " + value);
        return value;
    }

    public static int positive(String field, int value) {
        require(value > 0, field + " must be > 0, but got " + value);
        return value;
    }

    public static double nonNegative(String field, double value) {
        require(value >= 0 && Double.isFinite(value), field + " must be >= 0, but got " + value);
        return value;
    }

    public static int nonNegative(String field, int value) {
        require(value >= 0, field + " must be >= 0, but got " + value);
        return value;
    }

    public static double inRange(String field, double value, double low, double high) {
        require(value >= low && value <= high,
                field + " must lie in [" + low + ", " + high + "], but got " + value);
        return value;
    }

    public static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
