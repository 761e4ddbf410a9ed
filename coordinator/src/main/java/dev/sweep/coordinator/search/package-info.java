/**
 * Adaptive search, pure logic: a {@link dev.sweep.coordinator.search.SearchSpace} of typed
 * distributions, {@link dev.sweep.coordinator.search.Sampler}s that propose the next assignment
 * from the trials so far (random and Optuna 3.1's independent TPE), and
 * {@link dev.sweep.coordinator.search.Pruner}s that decide from intermediate values whether a
 * running trial continues (ASHA, median). Nothing here talks to Kafka or keeps hidden state: every
 * answer is a value computed from the space, the trials and a seed, so the coordinator's loop can
 * call it after a restart and get the same answer.
 */
package dev.sweep.coordinator.search;
