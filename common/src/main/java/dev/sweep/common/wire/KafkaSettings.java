package dev.sweep.common.wire;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How every Kafka client the product makes reaches the cluster: the bootstrap servers plus the
 * client properties of an optional file (security settings such as {@code security.protocol},
 * {@code sasl.jaas.config}, {@code ssl.truststore.location}). The file comes from
 * {@code --kafka-config FILE} or the {@code SWEEP_KAFKA_CONFIG} environment variable.
 */
public record KafkaSettings(String bootstrap, Map<String, String> clientProperties) {
    public static final String CONFIG_ENV = "SWEEP_KAFKA_CONFIG";

    /**
     * How long one request to a broker may take before the client gives up on that broker, asks
     * for fresh metadata and tries the partition's new leader: short enough that a broker lost
     * without a word (a host powered off, not a process whose sockets the kernel closes) costs
     * seconds, long enough for a loaded broker's answer. Kafka's default is 30 s.
     */
    public static final int REQUEST_TIMEOUT_MS = 15_000;

    public KafkaSettings {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("--bootstrap must be HOST:PORT[,HOST:PORT...], but got '" + bootstrap + "'");
        }
        for (String server : bootstrap.split(",", -1)) {
            if (!isHostPort(server.strip())) {
                throw new IllegalArgumentException("--bootstrap must be HOST:PORT[,HOST:PORT...] with ports 1-65535, but '"
                        + server.strip() + "' in '" + bootstrap + "' is not");
            }
        }
        clientProperties = Map.copyOf(clientProperties);
    }

    private static boolean isHostPort(String server) {
        int colon = server.lastIndexOf(':');
        if (colon <= 0 || colon == server.length() - 1) {
            return false;
        }
        try {
            int port = Integer.parseInt(server.substring(colon + 1));
            return port >= 1 && port <= 65_535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Settings from an explicit file, else the environment's, else none. */
    public static KafkaSettings of(String bootstrap, String configFile) {
        String file = configFile(configFile);
        return new KafkaSettings(bootstrap, file == null ? Map.of() : read(Path.of(file)));
    }

    /** The client config file in effect: the explicit one, else {@code SWEEP_KAFKA_CONFIG}'s, else null. */
    public static String configFile(String explicit) {
        String file = explicit != null ? explicit : System.getenv(CONFIG_ENV);
        return file == null || file.isBlank() ? null : file;
    }

    /**
     * The file's properties. The key and trust stores it names must be there: a missing one is
     * said here, with the setting's name, instead of as a client that cannot be constructed.
     */
    static Map<String, String> read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Kafka client config " + file + ": no such file (from --kafka-config or "
                    + CONFIG_ENV + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("Kafka client config " + file + ": cannot read: " + e.getMessage());
        }
        Map<String, String> out = new java.util.TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        for (String store : List.of("ssl.truststore.location", "ssl.keystore.location")) {
            String location = out.get(store);
            if (location != null && !Files.isRegularFile(Path.of(location))) {
                throw new IllegalArgumentException("Kafka client config " + file + ": " + store + " " + location
                        + ": no such file");
            }
        }
        return out;
    }

    /** The common client properties; callers add what their client needs. */
    public Properties properties() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    /**
     * The properties of a producer whose acknowledged records survive the loss of a broker: acks
     * from every in-sync replica (the topics' {@code min.insync.replicas} says how many that must
     * be), idempotent so that the retries after a leader change write nothing twice and keep the
     * order of a key's records. These win over the same keys in the client config file: a sweep's
     * delivery guarantees rest on them. The caller adds how long a send may take
     * ({@code delivery.timeout.ms}).
     */
    public Properties durableProducerProperties() {
        Properties p = properties();
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("max.in.flight.requests.per.connection", "5"); // the most idempotence keeps in order
        p.put("request.timeout.ms", String.valueOf(REQUEST_TIMEOUT_MS));
        return p;
    }

    /**
     * The properties of a consumer that moves to a partition's new leader within seconds of
     * losing the old one, for the caller to add its group and offset settings to.
     */
    public Properties consumerProperties() {
        Properties p = properties();
        p.put("request.timeout.ms", String.valueOf(REQUEST_TIMEOUT_MS));
        return p;
    }

    /** Never prints property values: they may hold passwords. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrap=" + bootstrap + ", client properties=" + clientProperties.keySet() + "]";
    }
}
