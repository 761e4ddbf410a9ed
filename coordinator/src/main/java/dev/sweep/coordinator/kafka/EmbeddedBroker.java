package dev.sweep.coordinator.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
 * A real single-node Kafka (KRaft: broker and controller in one process) for the zero-setup
 * mode. Its data folder keeps the log across restarts: started again on the same folder, it
 * comes back on the same port with every topic and offset, which is what a broker restart is.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final String PORTS_FILE = "ports.properties";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedBroker(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts a broker on {@code dataDir}: formats it the first time (free loopback ports, kept in
     * the folder), then reuses it.
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
                broker = new EmbeddedBroker(dataDir, Integer.parseInt(p.getProperty("port")),
                        Integer.parseInt(p.getProperty("controller.port")));
            } else {
                broker = new EmbeddedBroker(dataDir, freePort(), freePort());
                Properties p = new Properties();
                p.setProperty("port", String.valueOf(broker.port));
                p.setProperty("controller.port", String.valueOf(broker.controllerPort));
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

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    private Properties config(Path logDir) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("log.dirs", logDir.toString());
        // one node: every internal topic has one replica, or consumer groups silently get nothing
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        return p;
    }

    private void format(Path logDir) {
        try {
            new Formatter().setClusterId(Uuid.randomUuid().toString()).setNodeId(1)
                    .setControllerListenerName("CONTROLLER").setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString())).setHasDynamicQuorum(false)
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).run();
        } catch (Exception e) {
            // Formatter.run declares Exception; any failure here means no broker
            throw new IllegalStateException("embedded Kafka: formatting " + logDir + " failed: " + e.getMessage(), e);
        }
    }

    private void startServer(Path logDir) {
        server = new KafkaRaftServer(KafkaConfig.fromProps(config(logDir), false), Time.SYSTEM);
        server.startup();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
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
