package dev.sweep.coordinator.cli;

import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.coordinator.kafka.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cluster status, cancel and report talk to: {@code --bootstrap}, else the embedded broker of
 * the data folder, started for the call when no run is serving it (and stopped on close).
 */
record KafkaConnection(KafkaSettings settings, EmbeddedBroker broker) implements AutoCloseable {
    /**
     * @param bootstrap the cluster's address, or null for the embedded broker in {@code dataDir/kafka}
     * @param kafkaConfig a Kafka client properties file, or null
     */
    static KafkaConnection open(String bootstrap, Path dataDir, String kafkaConfig) {
        if (bootstrap != null) {
            return new KafkaConnection(KafkaSettings.of(bootstrap, kafkaConfig), null);
        }
        Path dir = dataDir.resolve("kafka");
        String live = EmbeddedBroker.liveBootstrap(dir);
        if (live != null) {
            return new KafkaConnection(KafkaSettings.of(live, kafkaConfig), null);
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no --bootstrap given and no embedded broker folder at " + dir);
        }
        EmbeddedBroker broker = EmbeddedBroker.start(dir);
        return new KafkaConnection(KafkaSettings.of(broker.bootstrap(), kafkaConfig), broker);
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
