package dev.sweep.coordinator.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether a cluster, as it stands, can keep the sweep's topics as replicated as asked: the
 * decision alone, from what the cluster said (live brokers, the topics already there), with no
 * Kafka in it. The reason to refuse is one line naming what to change.
 */
public final class ReplicationCheck {
    private ReplicationCheck() {}

    /**
     * One partition as the cluster describes it.
     *
     * @param replicas brokers assigned a copy
     * @param inSync those of them in sync with the leader (the ISR); 0 when it has no leader
     */
    public record PartitionReplicas(int partition, int replicas, int inSync) {
        public PartitionReplicas {
            if (partition < 0 || replicas < 1 || inSync < 0 || inSync > replicas) {
                throw new IllegalArgumentException("a partition has a number >= 0, at least one replica and at most as "
                        + "many in sync, but got partition " + partition + ", " + replicas + " replicas, " + inSync
                        + " in sync");
            }
        }
    }

    /**
     * A topic already on the cluster.
     *
     * @param ours whether it is one of the sweep's topics (its replication is ours to ask); an internal one
     *     such as {@code __consumer_offsets} is the brokers', checked for its replicas and writability only
     * @param minInsync its {@code min.insync.replicas} (its own setting or the brokers' default)
     */
    public record TopicReplicas(String topic, boolean ours, int minInsync, List<PartitionReplicas> partitions) {
        public TopicReplicas {
            if (topic == null || topic.isBlank() || minInsync < 1 || partitions == null || partitions.isEmpty()) {
                throw new IllegalArgumentException("a topic has a name, min.insync.replicas >= 1 and partitions, but got "
                        + topic + " with min.insync.replicas " + minInsync + " and partitions " + partitions);
            }
            partitions = List.copyOf(partitions);
        }

        /** The fewest copies any of its partitions has: what the topic can be counted on for. */
        int replicationFactor() {
            return partitions.stream().mapToInt(PartitionReplicas::replicas).min().orElseThrow();
        }
    }

    /**
     * Why the sweep must not start on this cluster with {@code asked}, in one line, or null when it may.
     *
     * @param liveBrokers brokers registered and not fenced now
     * @param existing the sweep's topics already there, and the internal ones the sweep relies on
     */
    public static String refusal(Replication asked, int liveBrokers, List<TopicReplicas> existing) {
        List<String> reasons = new ArrayList<>();
        if (liveBrokers < asked.factor()) {
            reasons.add("the cluster has " + liveBrokers + " live broker" + (liveBrokers == 1 ? "" : "s") + ", fewer than "
                    + "the " + asked.factor() + " replicas asked: start the missing brokers, or pass --replication "
                    + Math.max(1, liveBrokers));
        }
        List<TopicReplicas> fewCopies = existing.stream().filter(t -> t.replicationFactor() < asked.factor()).toList();
        if (!fewCopies.isEmpty()) {
            int least = fewCopies.stream().mapToInt(TopicReplicas::replicationFactor).min().orElseThrow();
            reasons.add(fewCopies.stream().map(t -> t.topic() + " (" + t.replicationFactor() + ")")
                    .collect(Collectors.joining(", ", "topics made with fewer replicas than the " + asked.factor()
                            + " asked: ", "")) + "; add replicas with kafka-reassign-partitions (or delete the sweep "
                    + "topics, losing their sweeps), or pass --replication " + least);
        }
        List<TopicReplicas> weakWrites = existing.stream().filter(t -> t.ours() && t.minInsync() < asked.minInsync())
                .toList();
        if (!weakWrites.isEmpty()) {
            int least = weakWrites.stream().mapToInt(TopicReplicas::minInsync).min().orElseThrow();
            reasons.add(weakWrites.stream().map(t -> t.topic() + " (" + t.minInsync() + ")")
                    .collect(Collectors.joining(", ", "topics with a lower min.insync.replicas than the "
                            + asked.minInsync() + " asked: ", "")) + "; raise it with kafka-configs --alter "
                    + "--entity-type topics --entity-name TOPIC --add-config min.insync.replicas=" + asked.minInsync()
                    + ", or pass --min-insync " + least);
        }
        // a topic whose minimum exceeds its copies can never take a write, however many brokers come back
        List<TopicReplicas> impossible = existing.stream().filter(t -> t.replicationFactor() < t.minInsync()).toList();
        List<TopicReplicas> impossibleNotSaid = impossible.stream().filter(t -> !fewCopies.contains(t)).toList();
        if (!impossibleNotSaid.isEmpty()) {
            reasons.add(impossibleNotSaid.stream().map(t -> t.topic() + " (" + t.replicationFactor() + " of "
                    + t.minInsync() + ")").collect(Collectors.joining(", ", "topics with fewer replicas than their own "
                    + "min.insync.replicas, which refuse every write: ", "")) + "; add replicas with "
                    + "kafka-reassign-partitions, or lower their min.insync.replicas with kafka-configs");
        }
        List<String> unwritable = new ArrayList<>();
        for (TopicReplicas t : existing) {
            if (impossible.contains(t)) {
                continue; // said above: waiting for brokers would not help
            }
            for (PartitionReplicas p : t.partitions()) {
                if (p.inSync() < t.minInsync()) {
                    unwritable.add(t.topic() + "-" + p.partition() + " (" + p.inSync() + " of " + t.minInsync() + ")");
                }
            }
        }
        if (!unwritable.isEmpty()) {
            reasons.add("partitions with fewer in-sync replicas than their min.insync.replicas, which refuse every "
                    + "write: " + shortList(unwritable) + "; bring their brokers back and let them catch up");
        }
        return reasons.isEmpty() ? null : "the cluster cannot keep the sweep topics at " + asked + ": "
                + String.join("; ", reasons);
    }

    /** A list kept to one readable line: the first few and how many more. */
    private static String shortList(List<String> items) {
        int shown = 6;
        return items.size() <= shown ? String.join(", ", items)
                : String.join(", ", items.subList(0, shown)) + " and " + (items.size() - shown) + " more";
    }
}
