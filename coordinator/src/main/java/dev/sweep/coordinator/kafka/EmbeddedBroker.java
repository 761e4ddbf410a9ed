package dev.sweep.coordinator.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real Kafka node (KRaft: broker and controller in one process): the zero-setup mode's single
 * node, or one node of a local cluster ({@link ClusterLayout}) whose nodes each run in a process
 * of their own ({@link KafkaNodeMain}). Its folder keeps the log across restarts: started again
 * on the same folder, it comes back on the same ports with every topic and offset, which is what a
 * broker restart is.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final String PORTS_FILE = "ports.properties";

    private final Path dataDir;
    private final ClusterLayout layout;
    private final int nodeId;
    private KafkaRaftServer server;

    private EmbeddedBroker(Path dataDir, ClusterLayout layout, int nodeId) {
        this.dataDir = dataDir;
        this.layout = layout;
        this.nodeId = nodeId;
    }

    /**
     * Starts a single-node cluster on {@code dataDir}: formats it the first time (free loopback
     * ports, kept in the folder), then reuses it.
     */
    public static EmbeddedBroker start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path ports = dataDir.resolve(PORTS_FILE);
            Path logDir = dataDir.resolve("kraft");
            EmbeddedBroker broker;
            if (Files.exists(ports) && Files.exists(logDir.resolve("meta.properties"))) {
                Properties p = new Properties();
                try (var r = Files.newBufferedReader(ports)) {
                    p.load(r);
                }
                // the cluster id is in the formatted log; the layout needs one only to format
                broker = new EmbeddedBroker(dataDir, new ClusterLayout(Uuid.randomUuid().toString(), List.of(
                        new ClusterLayout.Node(1, Integer.parseInt(p.getProperty("port")),
                                Integer.parseInt(p.getProperty("controller.port"))))), 1);
            } else {
                ClusterLayout layout = ClusterLayout.fresh(1);
                broker = new EmbeddedBroker(dataDir, layout, 1);
                Properties p = new Properties();
                p.setProperty("port", String.valueOf(layout.node(1).port()));
                p.setProperty("controller.port", String.valueOf(layout.node(1).controllerPort()));
                try (var w = Files.newBufferedWriter(ports)) {
                    p.store(w, "embedded broker ports; delete this folder to start from an empty log");
                }
                broker.format(logDir);
            }
            broker.startServer(logDir);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Kafka in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts node {@code id} of the cluster laid out in {@code clusterDir}, in its folder there:
     * formatted the first time, reused after. Returns once the node serves; the cluster answers
     * clients once a majority of its nodes do.
     */
    public static EmbeddedBroker startNode(Path clusterDir, int id) {
        ClusterLayout layout = ClusterLayout.read(clusterDir);
        Path dir = ClusterLayout.nodeDir(clusterDir, id);
        Path logDir = dir.resolve("kraft");
        EmbeddedBroker node = new EmbeddedBroker(dir, layout, id);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka node " + id + " in " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            node.format(logDir);
        }
        node.startServer(logDir);
        return node;
    }

    /**
     * The address of a broker already serving {@code dataDir} (another process's run), or null
     * when none answers there.
     */
    public static String liveBootstrap(Path dataDir) {
        Path ports = dataDir.resolve(PORTS_FILE);
        if (!Files.exists(ports)) {
            return null;
        }
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(ports)) {
            p.load(r);
        } catch (IOException e) {
            return null;
        }
        int port = Integer.parseInt(p.getProperty("port"));
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 500);
            return "127.0.0.1:" + port;
        } catch (IOException e) {
            return null;
        }
    }

    /** This node's client address. */
    public String bootstrap() {
        return "127.0.0.1:" + layout.node(nodeId).port();
    }

    public Path dataDir() {
        return dataDir;
    }

    private void format(Path logDir) {
        try {
            new Formatter().setClusterId(layout.clusterId()).setNodeId(nodeId)
                    .setControllerListenerName("CONTROLLER").setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString())).setHasDynamicQuorum(false)
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).run();
        } catch (Exception e) {
            // Formatter.run declares Exception; any failure here means no broker
            throw new IllegalStateException("embedded Kafka: formatting " + logDir + " failed: " + e.getMessage(), e);
        }
    }

    private void startServer(Path logDir) {
        server = new KafkaRaftServer(KafkaConfig.fromProps(layout.serverProperties(nodeId, logDir), false), Time.SYSTEM);
        server.startup();
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
