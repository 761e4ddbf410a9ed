/**
 * The worker: the training engine (packages {@code model}, {@code data}, {@code head},
 * {@code loss}, {@code eval}, {@code optim}, {@code train}), usable alone, and later the thin
 * service that consumes trials from Kafka and emits events.
 */
package dev.sweep.worker;
