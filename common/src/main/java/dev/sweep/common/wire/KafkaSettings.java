package dev.sweep.common.wire;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

    public KafkaSettings {
        if (bootstrap == null || bootstrap.isBlank() || !bootstrap.contains(":")) {
            throw new IllegalArgumentException("--bootstrap must be HOST:PORT[,HOST:PORT...], but got '" + bootstrap + "'");
        }
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Settings from an explicit file, else the environment's, else none. */
    public static KafkaSettings of(String bootstrap, String configFile) {
        String file = configFile != null ? configFile : System.getenv(CONFIG_ENV);
        return new KafkaSettings(bootstrap, file == null || file.isBlank() ? Map.of() : read(Path.of(file)));
    }

    private static Map<String, String> read(Path file) {
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
        return out;
    }

    /** The common client properties; callers add what their client needs. */
    public Properties properties() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    /** Never prints property values: they may hold passwords. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrap=" + bootstrap + ", client properties=" + clientProperties.keySet() + "]";
    }
}
