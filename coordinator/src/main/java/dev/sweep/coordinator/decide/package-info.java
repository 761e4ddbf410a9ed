/**
 * "Seeds until decided": after each new seed pair (a configuration and its reference trained with
 * the same seed), whether a configuration's paired difference from its reference is decided
 * (better, worse, or equivalent within the minimum effect) or needs another seed, with a
 * group-sequential design that keeps the stated error rates although the data are looked at
 * after every seed. Pure functions of numbers: nothing here knows of Kafka, trials or the
 * coordinator loop; {@link dev.sweep.coordinator.decide.SeedsUntilDecided} takes the differences
 * in seed order and returns a {@link dev.sweep.coordinator.decide.SeedDecision} value.
 */
package dev.sweep.coordinator.decide;
