package dev.sweep.coordinator.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.coordinator.kafka.ReplicationCheck.PartitionReplicas;
import dev.sweep.coordinator.kafka.ReplicationCheck.TopicReplicas;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The replication a cluster gets, and when the coordinator refuses one: the decision alone, no Kafka. */
class ReplicationCheckTest {
    /** A sweep topic of {@code partitions} partitions, each with {@code replicas} copies and {@code inSync} in sync. */
    private static TopicReplicas topic(String name, int partitions, int replicas, int inSync, int minInsync) {
        List<PartitionReplicas> ps = IntStream.range(0, partitions)
                .mapToObj(p -> new PartitionReplicas(p, replicas, inSync)).toList();
        return new TopicReplicas(name, !name.startsWith("__"), minInsync, ps);
    }

    private static void assertOneLine(String refusal) {
        assertTrue(refusal != null && !refusal.contains("\n"), "one line: " + refusal);
    }

    @Test
    void threeBrokersOrMoreGetThreeCopiesTwoInSyncSmallerClustersAllTheyHave() {
        assertEquals(new Replication(1, 1), Replication.forBrokers(1));
        assertEquals(new Replication(2, 1), Replication.forBrokers(2), "two copies still take writes with one broker down");
        assertEquals(new Replication(3, 2), Replication.forBrokers(3));
        assertEquals(new Replication(3, 2), Replication.forBrokers(7));
        assertEquals(new Replication(5, 3), Replication.withFactor(5), "a majority of five");
    }

    @Test
    void anOverrideWinsOverTheClusterSizeAndIsCheckedWhereMade() {
        assertEquals(new Replication(1, 1), ReplicationRequest.factor(1).resolve(3));
        assertEquals(new Replication(3, 3), new ReplicationRequest(3, 3).resolve(3));
        assertEquals(new Replication(3, 1), new ReplicationRequest(null, 1).resolve(5));
        assertEquals("--replication must be >= 1, but got 0",
                assertThrows(IllegalArgumentException.class, () -> ReplicationRequest.factor(0)).getMessage());
        assertEquals("--min-insync 3 must not exceed --replication 2: a write cannot wait for more copies than there are",
                assertThrows(IllegalArgumentException.class, () -> new ReplicationRequest(2, 3)).getMessage());
        String m = assertThrows(UnderReplicatedException.class, () -> new ReplicationRequest(null, 2).resolve(1))
                .getMessage();
        assertEquals("--min-insync 2 needs a replication factor of at least 2, but 1 live broker gives 1: pass "
                + "--replication 2 with that many brokers up, or a lower --min-insync", m);
        assertThrows(IllegalArgumentException.class, () -> new Replication(2, 3));
        assertThrows(IllegalArgumentException.class, () -> new Replication(0, 0));
    }

    @Test
    void aFreshClusterOrOneAsReplicatedAsAskedIsAccepted() {
        assertNull(ReplicationCheck.refusal(new Replication(3, 2), 3, List.of()));
        assertNull(ReplicationCheck.refusal(new Replication(3, 2), 3, List.of(topic("sweep.events", 4, 3, 3, 2),
                topic("__consumer_offsets", 4, 3, 3, 2))));
        // a broker of three down: every partition still has two in sync, and two copies are asked of two brokers
        assertNull(ReplicationCheck.refusal(Replication.forBrokers(2), 2, List.of(topic("sweep.events", 4, 3, 2, 2))));
        // more copies or a stricter minimum than asked is no reason to refuse
        assertNull(ReplicationCheck.refusal(new Replication(1, 1), 1, List.of(topic("sweep.events", 4, 1, 1, 1))));
    }

    @Test
    void fewerLiveBrokersThanTheReplicasAskedIsRefusedSayingWhatToPass() {
        String r = ReplicationCheck.refusal(new Replication(3, 2), 2, List.of());
        assertOneLine(r);
        assertEquals("the cluster cannot keep the sweep topics at replication factor 3, min.insync.replicas 2: the "
                + "cluster has 2 live brokers, fewer than the 3 replicas asked: start the missing brokers, or pass "
                + "--replication 2", r);
    }

    @Test
    void topicsMadeWithOneReplicaOnAClusterAskedForThreeAreRefusedNamingThem() {
        String r = ReplicationCheck.refusal(new Replication(3, 2), 3, List.of(topic("sweep.trials", 16, 1, 1, 1),
                topic("sweep.events", 4, 1, 1, 1), topic("__consumer_offsets", 4, 1, 1, 1)));
        assertOneLine(r);
        assertTrue(r.contains("topics made with fewer replicas than the 3 asked: sweep.trials (1), sweep.events (1), "
                + "__consumer_offsets (1); add replicas with kafka-reassign-partitions"), r);
        assertTrue(r.contains("or pass --replication 1"), r);
        assertTrue(r.contains("topics with a lower min.insync.replicas than the 2 asked: sweep.trials (1), sweep.events "
                + "(1); raise it with kafka-configs"), "the brokers' own topic's minimum is theirs: " + r);
        assertTrue(r.contains("or pass --min-insync 1"), r);
    }

    @Test
    void partitionsShortOfTheirInSyncMinimumAreRefusedAsUnwritable() {
        // two brokers of three lost: one copy in sync where two must be
        String r = ReplicationCheck.refusal(Replication.forBrokers(1), 1, List.of(topic("sweep.events", 4, 3, 1, 2)));
        assertOneLine(r);
        assertTrue(r.endsWith("partitions with fewer in-sync replicas than their min.insync.replicas, which refuse every "
                + "write: sweep.events-0 (1 of 2), sweep.events-1 (1 of 2), sweep.events-2 (1 of 2), sweep.events-3 "
                + "(1 of 2); bring their brokers back and let them catch up"), r);
        // a partition with no leader (reported as none in sync) of a topic with many: the list stays one short line
        List<PartitionReplicas> ps = new ArrayList<>();
        for (int p = 0; p < 16; p++) {
            ps.add(new PartitionReplicas(p, 1, 0));
        }
        String many = ReplicationCheck.refusal(new Replication(1, 1), 1, List.of(new TopicReplicas("sweep.trials", true,
                1, ps)));
        assertTrue(many.contains("sweep.trials-5 (0 of 1) and 10 more"), many);
    }

    @Test
    void aTopicWithFewerCopiesThanItsOwnMinimumIsSaidOnceWithTheFixThatHelps() {
        // made with one copy on a cluster whose brokers default to min.insync.replicas 2: seen on a real cluster
        String r = ReplicationCheck.refusal(new Replication(3, 2), 3, List.of(topic("sweep.dead", 1, 1, 1, 2)));
        assertEquals("the cluster cannot keep the sweep topics at replication factor 3, min.insync.replicas 2: topics "
                + "made with fewer replicas than the 3 asked: sweep.dead (1); add replicas with kafka-reassign-partitions "
                + "(or delete the sweep topics, losing their sweeps), or pass --replication 1", r,
                "not also told to wait for brokers, which would never help");
        String asked1 = ReplicationCheck.refusal(new Replication(1, 1), 3, List.of(topic("sweep.dead", 1, 1, 1, 2)));
        assertEquals("the cluster cannot keep the sweep topics at replication factor 1, min.insync.replicas 1: topics "
                + "with fewer replicas than their own min.insync.replicas, which refuse every write: sweep.dead (1 of 2); "
                + "add replicas with kafka-reassign-partitions, or lower their min.insync.replicas with kafka-configs",
                asked1);
    }

    @Test
    void aDescriptionThatCannotBeIsRefusedWhereMade() {
        assertThrows(IllegalArgumentException.class, () -> new PartitionReplicas(0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new TopicReplicas("t", true, 1, List.of()));
    }
}
