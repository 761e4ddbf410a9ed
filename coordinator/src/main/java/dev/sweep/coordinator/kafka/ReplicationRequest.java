package dev.sweep.coordinator.kafka;

/**
 * The replication a command asks for ({@code --replication}, {@code --min-insync}): each number
 * given, or null for what the cluster's live brokers allow ({@link Replication#forBrokers}).
 * Checked where it is made, so a wrong number is refused before any Kafka.
 */
public record ReplicationRequest(Integer factor, Integer minInsync) {
    /** Nothing asked: the cluster's size decides. */
    public static final ReplicationRequest AUTO = new ReplicationRequest(null, null);

    public ReplicationRequest {
        if (factor != null && factor < 1) {
            throw new IllegalArgumentException("--replication must be >= 1, but got " + factor);
        }
        if (minInsync != null && minInsync < 1) {
            throw new IllegalArgumentException("--min-insync must be >= 1, but got " + minInsync);
        }
        if (factor != null && minInsync != null && minInsync > factor) {
            throw new IllegalArgumentException("--min-insync " + minInsync + " must not exceed --replication " + factor
                    + ": a write cannot wait for more copies than there are");
        }
    }

    /** Exactly {@code factor} copies, with the default in-sync minimum for it. */
    public static ReplicationRequest factor(int factor) {
        return new ReplicationRequest(factor, null);
    }

    /**
     * The replication to create topics with on a cluster of {@code liveBrokers}.
     *
     * @throws UnderReplicatedException when a minimum asked exceeds what the cluster's size gives
     */
    public Replication resolve(int liveBrokers) {
        Replication base = factor != null ? Replication.withFactor(factor) : Replication.forBrokers(liveBrokers);
        if (minInsync == null) {
            return base;
        }
        if (minInsync > base.factor()) {
            throw new UnderReplicatedException("--min-insync " + minInsync + " needs a replication factor of at least "
                    + minInsync + ", but " + liveBrokers + " live broker" + (liveBrokers == 1 ? " gives " : "s give ")
                    + base.factor() + ": pass --replication " + minInsync + " with that many brokers up, or a "
                    + "lower --min-insync");
        }
        return new Replication(base.factor(), minInsync);
    }
}
