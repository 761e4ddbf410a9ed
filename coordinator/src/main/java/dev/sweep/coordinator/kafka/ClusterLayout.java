package dev.sweep.coordinator.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster of KRaft nodes on loopback, each a broker and a voter of the controller quorum
 * in one process, each with its own folder ({@code node-ID/}) and ports. Written once to the
 * cluster's folder ({@code cluster.properties}) and read by every node, so a node started again
 * comes back as itself: the same id, ports and log.
 *
 * @param clusterId the id every node's storage is formatted with
 * @param nodes the nodes, ids 1..N
 */
public record ClusterLayout(String clusterId, List<Node> nodes) {
    static final String FILE = "cluster.properties";
    private static final int MAX_PORT = 65_535;

    /** One node: its id, its client (PLAINTEXT) port and its controller port. */
    public record Node(int id, int port, int controllerPort) {
        public Node {
            if (id < 1 || port < 1 || port > MAX_PORT || controllerPort < 1 || controllerPort > MAX_PORT
                    || port == controllerPort) {
                throw new IllegalArgumentException("a node has an id >= 1 and two different ports in 1-" + MAX_PORT
                        + ", but got id " + id + ", ports " + port + " and " + controllerPort);
            }
        }
    }

    public ClusterLayout {
        if (clusterId == null || clusterId.isBlank()) {
            throw new IllegalArgumentException("a cluster layout needs the cluster id its nodes are formatted with");
        }
        if (nodes == null || nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
        nodes = List.copyOf(nodes);
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).id() != i + 1) {
                throw new IllegalArgumentException("cluster nodes are numbered 1.." + nodes.size() + " in order, but node "
                        + (i + 1) + " has id " + nodes.get(i).id());
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (Node n : nodes) {
            if (!ports.add(n.port()) || !ports.add(n.controllerPort())) {
                throw new IllegalArgumentException("every port of a cluster is its own, but " + nodes + " share one");
            }
        }
    }

    /** A new layout of {@code size} nodes on free loopback ports, with a new cluster id. */
    public static ClusterLayout fresh(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, but got " + size);
        }
        // every socket held open until all are picked, so no port is handed out twice
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * size; i++) {
                held.add(new ServerSocket(0, 0, InetAddress.getLoopbackAddress()));
            }
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                nodes.add(new Node(i + 1, held.get(2 * i).getLocalPort(), held.get(2 * i + 1).getLocalPort()));
            }
            return new ClusterLayout(Uuid.randomUuid().toString(), nodes);
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback ports for a " + size + "-node cluster: " + e.getMessage(), e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // a probe socket that will not close holds one port; the cluster does not need it
                }
            }
        }
    }

    /**
     * The layout in {@code dir}, or a fresh one of {@code size} nodes written there. An existing
     * layout of another size is refused: its nodes' logs belong to that cluster.
     */
    public static ClusterLayout create(Path dir, int size) {
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            ClusterLayout existing = read(dir);
            if (existing.nodes().size() != size) {
                throw new IllegalArgumentException(dir + " holds a " + existing.nodes().size() + "-node cluster, not "
                        + size + "; use another folder, or delete this one (and its logs)");
            }
            return existing;
        }
        ClusterLayout layout = fresh(size);
        Properties p = new Properties();
        p.setProperty("cluster.id", layout.clusterId());
        p.setProperty("nodes", String.valueOf(size));
        for (Node n : layout.nodes()) {
            p.setProperty("node." + n.id() + ".port", String.valueOf(n.port()));
            p.setProperty("node." + n.id() + ".controller.port", String.valueOf(n.controllerPort()));
        }
        try {
            Files.createDirectories(dir);
            try (var w = Files.newBufferedWriter(file)) {
                p.store(w, "a local Kafka cluster's nodes; delete this folder to start from empty logs");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return layout;
    }

    /** The layout written in {@code dir}. */
    public static ClusterLayout read(Path dir) {
        Path file = dir.resolve(FILE);
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no cluster layout in " + dir + " (" + FILE + "); create it first");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            int size = Integer.parseInt(p.getProperty("nodes"));
            List<Node> nodes = new ArrayList<>();
            for (int id = 1; id <= size; id++) {
                nodes.add(new Node(id, Integer.parseInt(p.getProperty("node." + id + ".port")),
                        Integer.parseInt(p.getProperty("node." + id + ".controller.port"))));
            }
            return new ClusterLayout(p.getProperty("cluster.id"), nodes);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " is damaged (" + e.getMessage() + "); delete the folder to start "
                    + "from empty logs");
        }
    }

    /** Node {@code id}. */
    public Node node(int id) {
        if (id < 1 || id > nodes.size()) {
            throw new IllegalArgumentException("the cluster's nodes are 1.." + nodes.size() + ", but got " + id);
        }
        return nodes.get(id - 1);
    }

    /** Every node's client address: what clients take as {@code --bootstrap}. */
    public String bootstrap() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    /** The folder of node {@code id} under the cluster's folder. */
    public static Path nodeDir(Path clusterDir, int id) {
        return clusterDir.resolve("node-" + id);
    }

    /**
     * Node {@code id}'s server properties: broker and controller in one process, the static
     * quorum of every node, and the brokers' own topics (group offsets, transactions) replicated
     * as the sweep's are on a cluster this size, so that losing a broker loses no commit either.
     */
    Properties serverProperties(int id, Path logDir) {
        Node n = node(id);
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(id));
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + n.port() + ",CONTROLLER://127.0.0.1:" + n.controllerPort());
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("controller.quorum.voters", nodes.stream().map(v -> v.id() + "@127.0.0.1:" + v.controllerPort())
                .collect(Collectors.joining(",")));
        p.setProperty("log.dirs", logDir.toString());
        p.putAll(ownTopics(nodes.size()));
        return p;
    }

    /**
     * A broker's settings for its own topics (group offsets, transactions, share groups) and for
     * topics made without a replication of their own, on a cluster of {@code brokers}: replicated
     * as the sweep's are ({@link Replication#forBrokers}); with fewer replicas on the internal
     * topics than these, a consumer group silently gets nothing. Groups start at once, and no
     * topic is made by a client's mistake.
     */
    public static Properties ownTopics(int brokers) {
        Replication internal = Replication.forBrokers(brokers);
        Properties p = new Properties();
        p.setProperty("offsets.topic.replication.factor", String.valueOf(internal.factor()));
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", String.valueOf(internal.factor()));
        p.setProperty("transaction.state.log.min.isr", String.valueOf(internal.minInsync()));
        p.setProperty("share.coordinator.state.topic.replication.factor", String.valueOf(internal.factor()));
        p.setProperty("share.coordinator.state.topic.min.isr", String.valueOf(internal.minInsync()));
        p.setProperty("default.replication.factor", String.valueOf(internal.factor()));
        p.setProperty("min.insync.replicas", String.valueOf(internal.minInsync()));
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        return p;
    }
}
