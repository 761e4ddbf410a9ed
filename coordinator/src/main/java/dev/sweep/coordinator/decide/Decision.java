package dev.sweep.coordinator.decide;

/**
 * What a configuration's seeds have decided so far about its difference from the reference.
 * {@link #UNDECIDED} asks for another seed; every other value is final.
 */
public enum Decision {
    /** The difference is above zero at the design's two-sided level. */
    BETTER,
    /** The difference is below zero at the design's two-sided level. */
    WORSE,
    /** Both one-sided tests against plus and minus the minimum effect reject: the difference lies within it. */
    EQUIVALENT,
    /** Not decided yet, and the rule allows more seeds: give it another. */
    UNDECIDED,
    /** The maximum number of seeds is reached without a decision. */
    OUT_OF_SEEDS;

    /** Whether this is final: no further seed is needed (or allowed). */
    public boolean isFinal() {
        return this != UNDECIDED;
    }
}
