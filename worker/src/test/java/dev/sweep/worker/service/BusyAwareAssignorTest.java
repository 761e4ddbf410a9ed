package dev.sweep.worker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BusyAwareAssignorTest {
    private static final String TOPIC = "sweep.trials";
    private static final Node NODE = new Node(1, "h", 1);

    private static Cluster cluster(int partitions) {
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(TOPIC, p, NODE, new Node[] {NODE}, new Node[] {NODE}));
        }
        return new Cluster("c", List.of(NODE), infos, Set.of(), Set.of());
    }

    private static ByteBuffer busy(Integer partition) {
        return ByteBuffer.wrap((partition == null ? "" : TOPIC + ":" + partition).getBytes(StandardCharsets.UTF_8));
    }

    /** Rebalances as the cooperative protocol does, round after round, until nothing moves. */
    private static Map<String, List<TopicPartition>> settle(Cluster cluster, Map<String, List<TopicPartition>> owned,
            Map<String, Integer> busy) {
        BusyAwareAssignor assignor = new BusyAwareAssignor();
        for (int round = 0; round < 5; round++) {
            Map<String, Subscription> subs = new HashMap<>();
            owned.forEach((m, parts) -> subs.put(m, new Subscription(List.of(TOPIC), busy(busy.get(m)), parts)));
            Map<String, List<TopicPartition>> next = new HashMap<>();
            assignor.assign(cluster, new GroupSubscription(subs)).groupAssignment()
                    .forEach((m, a) -> next.put(m, a.partitions()));
            Set<TopicPartition> seen = new HashSet<>();
            for (Map.Entry<String, List<TopicPartition>> e : next.entrySet()) {
                for (TopicPartition tp : e.getValue()) {
                    assertTrue(seen.add(tp), tp + " given to two members");
                    // cooperative: a partition another member owned must be revoked before it moves
                    owned.forEach((other, parts) -> assertTrue(other.equals(e.getKey()) || !parts.contains(tp),
                            tp + " moved from " + other + " to " + e.getKey() + " in one round"));
                }
                Integer b = busy.get(e.getKey());
                if (b != null) {
                    assertTrue(e.getValue().contains(new TopicPartition(TOPIC, b)),
                            e.getKey() + " lost its busy partition " + b + " in round " + round);
                }
            }
            if (next.equals(owned)) {
                return next;
            }
            owned = next;
        }
        throw new AssertionError("no stable assignment after 5 rounds: " + owned);
    }

    private static List<TopicPartition> range(int from, int to) {
        List<TopicPartition> out = new ArrayList<>();
        for (int p = from; p < to; p++) {
            out.add(new TopicPartition(TOPIC, p));
        }
        return out;
    }

    @Test
    void aJoiningWorkerNeverTakesThePartitionWhoseTrialIsRunning() {
        for (int busyPartition = 0; busyPartition < 16; busyPartition++) {
            Map<String, List<TopicPartition>> owned = new HashMap<>(Map.of("a", range(0, 16), "b", List.of()));
            Map<String, List<TopicPartition>> settled = settle(cluster(16), owned, Map.of("a", busyPartition));
            assertEquals(8, settled.get("a").size());
            assertEquals(8, settled.get("b").size());
        }
    }

    @Test
    void threeWorkersBalanceWithinOneAndEachKeepsItsBusyPartition() {
        Map<String, List<TopicPartition>> owned = new HashMap<>(Map.of("a", range(0, 8), "b", range(8, 16), "c", List.of()));
        Map<String, List<TopicPartition>> settled = settle(cluster(16), owned, Map.of("a", 7, "b", 8));
        List<Integer> sizes = settled.values().stream().map(List::size).sorted().toList();
        assertEquals(List.of(5, 5, 6), sizes);
        assertEquals(16, settled.values().stream().mapToInt(List::size).sum());
    }

    @Test
    void theBusyPartitionTravelsInTheSubscription() {
        assertEquals(new TopicPartition(TOPIC, 12), BusyAwareAssignor.busyPartition(busy(12)));
        assertEquals(null, BusyAwareAssignor.busyPartition(busy(null)));
    }
}
