package dev.sweep.coordinator.search;

/** Whether a smaller or a larger objective is better. */
public enum Direction {
    MINIMIZE,
    MAXIMIZE;

    /** The value as a loss: smaller is better in both directions. */
    public double loss(double value) {
        return this == MINIMIZE ? value : -value;
    }
}
