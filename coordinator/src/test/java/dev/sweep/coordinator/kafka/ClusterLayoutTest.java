package dev.sweep.coordinator.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterLayoutTest {
    @TempDir
    Path dir;

    @Test
    void aLayoutIsWrittenOnceAndEveryNodeReadsTheSame() {
        ClusterLayout made = ClusterLayout.create(dir, 3);
        assertEquals(made, ClusterLayout.read(dir));
        assertEquals(made, ClusterLayout.create(dir, 3), "created again: the same nodes, so their logs still fit");
        Set<Integer> ports = new HashSet<>();
        made.nodes().forEach(n -> {
            ports.add(n.port());
            ports.add(n.controllerPort());
        });
        assertEquals(6, ports.size(), "every port its own: " + made);
        assertEquals(3, made.bootstrap().split(",").length, made.bootstrap());
        String m = assertThrows(IllegalArgumentException.class, () -> ClusterLayout.create(dir, 5)).getMessage();
        assertTrue(m.contains("holds a 3-node cluster, not 5"), m);
    }

    @Test
    void eachNodeIsBrokerAndVoterAndTheInternalTopicsAreReplicatedAsTheSweeps() {
        ClusterLayout layout = ClusterLayout.create(dir, 3);
        Properties p = layout.serverProperties(2, dir.resolve("node-2/kraft"));
        assertEquals("broker,controller", p.getProperty("process.roles"));
        assertEquals("2", p.getProperty("node.id"));
        assertEquals(3, p.getProperty("controller.quorum.voters").split(",").length);
        assertTrue(p.getProperty("controller.quorum.voters").contains("2@127.0.0.1:" + layout.node(2).controllerPort()));
        assertEquals("3", p.getProperty("offsets.topic.replication.factor"));
        assertEquals("2", p.getProperty("min.insync.replicas"));
        Properties single = ClusterLayout.fresh(1).serverProperties(1, dir.resolve("one"));
        assertEquals("1", single.getProperty("offsets.topic.replication.factor"), "one node: one copy, or groups get nothing");
    }

    @Test
    void aWrongLayoutIsRefusedWhereMade() {
        assertThrows(IllegalArgumentException.class, () -> new ClusterLayout("id", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ClusterLayout("id",
                List.of(new ClusterLayout.Node(1, 9092, 9093), new ClusterLayout.Node(2, 9093, 9094))));
        assertThrows(IllegalArgumentException.class, () -> new ClusterLayout("id", List.of(new ClusterLayout.Node(2, 1, 2))));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterLayout.read(dir.resolve("none")))
                .getMessage().contains("no cluster layout in"));
    }
}
