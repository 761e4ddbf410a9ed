package dev.sweep.coordinator.kafka;

/**
 * How many copies the sweep's topics keep of each partition, and how many of them must have a
 * record before a producer with {@code acks=all} is told it is written.
 *
 * @param factor replicas of each partition (the replication factor)
 * @param minInsync the topics' {@code min.insync.replicas}: with fewer replicas in sync, writes are refused
 *     rather than acknowledged with fewer copies than this
 */
public record Replication(int factor, int minInsync) {
    /** Three copies are what a cluster needs to lose one broker and still keep two. */
    static final int FULL_FACTOR = 3;

    public Replication {
        if (factor < 1) {
            throw new IllegalArgumentException("the replication factor must be >= 1, but got " + factor);
        }
        if (minInsync < 1 || minInsync > factor) {
            throw new IllegalArgumentException("min.insync.replicas must be between 1 and the replication factor "
                    + factor + ", but got " + minInsync);
        }
    }

    /**
     * What a cluster of {@code liveBrokers} can give: 3 copies, 2 of them in sync for a write, on 3
     * brokers or more (one broker may be lost with no write refused and none lost); all the brokers
     * there are on a smaller one.
     */
    public static Replication forBrokers(int liveBrokers) {
        if (liveBrokers < 1) {
            throw new IllegalArgumentException("a cluster with no live broker replicates nothing");
        }
        return withFactor(Math.min(liveBrokers, FULL_FACTOR));
    }

    /**
     * {@code factor} copies with a majority of them in sync for a write; 1 for a factor of 1 or 2,
     * so that two copies still take writes with one broker down.
     */
    public static Replication withFactor(int factor) {
        return new Replication(factor, factor <= 2 ? 1 : factor / 2 + 1);
    }

    @Override
    public String toString() {
        return "replication factor " + factor + ", min.insync.replicas " + minInsync;
    }
}
