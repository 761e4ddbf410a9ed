package dev.sweep.coordinator.cluster;

import dev.sweep.coordinator.kafka.ClusterLayout;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real single-node KRaft Kafka (the {@code kafka_2.13} broker, in this JVM) whose only client
 * listener is SASL_SSL with SCRAM-SHA-512, as a managed cluster is: clients must trust its
 * certificate and give a SCRAM user's password. The broker reaches itself on that same listener
 * with its own SCRAM user; only the controller listener is plaintext, on loopback, and clients
 * are never told of it. Both users' credentials are written into the metadata log when the
 * storage is formatted (the {@code --add-scram} of {@code kafka-storage format}), so they exist
 * before the first client connects.
 *
 * @param bootstrap the SASL_SSL listener, {@code 127.0.0.1:PORT}
 * @param user the client user
 * @param password the client user's password, random per run
 * @param pki the CA and the broker's certificate
 */
public record SecuredBroker(String bootstrap, String user, String password, TestPki pki, KafkaRaftServer server)
        implements AutoCloseable {
    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final String BROKER_USER = "broker";

    public static SecuredBroker start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestPki pki = TestPki.create(dir);
        String brokerPassword = "broker-" + UUID.randomUUID();
        String user = "sweep";
        String password = "client-" + UUID.randomUUID();
        int port = freePort();
        int controllerPort = freePort();
        Path logDir = dir.resolve("kraft");
        format(logDir, List.of(scram(BROKER_USER, brokerPassword), scram(user, password)));
        Properties config = config(logDir, port, controllerPort, pki, brokerPassword);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        return new SecuredBroker("127.0.0.1:" + port, user, password, pki, server);
    }

    /**
     * The client properties a user of this cluster is given: SASL_SSL, SCRAM-SHA-512, the user
     * and {@code password}, and the CA's truststore (none with {@code trustCa} false: then the
     * JDK's default CAs, which never signed this broker).
     */
    public Properties clientConfig(String password, boolean trustCa) {
        Properties p = new Properties();
        p.setProperty("security.protocol", "SASL_SSL");
        p.setProperty("sasl.mechanism", MECHANISM);
        p.setProperty("sasl.jaas.config", jaas(user, password));
        if (trustCa) {
            p.setProperty("ssl.truststore.location", pki.truststore().toString());
            p.setProperty("ssl.truststore.password", pki.password());
            p.setProperty("ssl.truststore.type", "PKCS12");
        }
        return p;
    }

    private static Properties config(Path logDir, int port, int controllerPort, TestPki pki, String brokerPassword) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("listeners", "SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "SASL_SSL://127.0.0.1:" + port);
        p.setProperty("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "SASL_SSL");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("sasl.enabled.mechanisms", MECHANISM);
        p.setProperty("sasl.mechanism.inter.broker.protocol", MECHANISM);
        // the broker's own login, used when it connects to itself on the SASL_SSL listener
        p.setProperty("listener.name.sasl_ssl." + MECHANISM.toLowerCase() + ".sasl.jaas.config",
                jaas(BROKER_USER, brokerPassword));
        p.setProperty("ssl.keystore.type", "PKCS12");
        p.setProperty("ssl.keystore.location", pki.brokerKeystore().toString());
        p.setProperty("ssl.keystore.password", pki.password());
        p.setProperty("ssl.key.password", pki.password());
        p.setProperty("ssl.truststore.type", "PKCS12");
        p.setProperty("ssl.truststore.location", pki.truststore().toString());
        p.setProperty("ssl.truststore.password", pki.password());
        p.setProperty("ssl.client.auth", "none");
        p.putAll(ClusterLayout.ownTopics(1)); // one node: every internal topic has one replica
        return p;
    }

    public static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static String scram(String user, String password) {
        return MECHANISM + "=[name=" + user + ",password=" + password + "]";
    }

    private static void format(Path logDir, List<String> scramUsers) {
        try {
            new Formatter().setClusterId(Uuid.randomUuid().toString()).setNodeId(1)
                    .setControllerListenerName("CONTROLLER").setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString())).setHasDynamicQuorum(false)
                    .setScramArguments(scramUsers)
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream())).run();
        } catch (Exception e) {
            // Formatter.run declares Exception; any failure here means no broker, and so no test
            throw new IllegalStateException("formatting " + logDir + " failed: " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Never the passwords. */
    @Override
    public String toString() {
        return "SecuredBroker[" + bootstrap + ", user " + user + "]";
    }
}
