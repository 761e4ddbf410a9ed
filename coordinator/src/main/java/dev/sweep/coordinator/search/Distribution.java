package dev.sweep.coordinator.search;

/**
 * The values one parameter may take. Samplers work on an internal number per value (the value
 * itself for floats and ints, the choice's index for categoricals), as Optuna does.
 */
public sealed interface Distribution permits FloatDistribution, IntDistribution, CategoricalDistribution {
    /** Whether {@code value} is one this distribution can produce. */
    boolean contains(Object value);

    /** The sampler's number for a value this distribution {@link #contains}. */
    double toInternal(Object value);

    /** The value for a sampler's number: rounded, clipped or looked up as the type needs. */
    Object toExternal(double internal);
}
