package dev.sweep.coordinator.kafka;

/**
 * The cluster cannot keep the sweep's topics as replicated as asked (too few live brokers, topics
 * made with fewer replicas, partitions short of in-sync replicas). Fatal: a person changes the
 * cluster or the settings. One line saying what to change.
 */
public final class UnderReplicatedException extends RuntimeException {
    public UnderReplicatedException(String message) {
        super(message);
    }
}
