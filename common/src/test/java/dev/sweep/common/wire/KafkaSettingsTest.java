package dev.sweep.common.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.metrics.MetricsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {
    @TempDir
    Path dir;

    @Test
    void securitySettingsReachEveryClientButNeverItsPrintedForm() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                security.protocol=SASL_SSL
                sasl.mechanism=PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="s3cret";
                ssl.truststore.password=trust-me
                """);
        KafkaSettings s = KafkaSettings.of("broker:9093", file.toString());
        Properties p = s.properties();
        assertEquals("SASL_SSL", p.getProperty("security.protocol"));
        assertTrue(p.getProperty("sasl.jaas.config").contains("s3cret"));
        assertEquals("broker:9093", p.getProperty("bootstrap.servers"));
        String shown = s.toString();
        assertFalse(shown.contains("s3cret") || shown.contains("trust-me"), shown);
        assertTrue(shown.contains("sasl.jaas.config"), "it says which settings are set: " + shown);
    }

    @Test
    void aMissingConfigFileOrBadBootstrapIsOneLine() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> KafkaSettings.of("broker:9093", dir.resolve("nope.properties").toString())).getMessage();
        assertTrue(m.contains("nope.properties: no such file"), m);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaSettings.of("broker", null)).getMessage()
                .contains("--bootstrap must be HOST:PORT"));
    }

    @Test
    void aListOfBootstrapServersIsTakenAndABadEntryIsNamed() {
        KafkaSettings s = KafkaSettings.of("h1:9092,h2:9093, h3:9094", null);
        assertEquals("h1:9092,h2:9093, h3:9094", s.properties().getProperty("bootstrap.servers"));
        String m = assertThrows(IllegalArgumentException.class, () -> KafkaSettings.of("h1:9092,h2,h3:9094", null))
                .getMessage();
        assertEquals("--bootstrap must be HOST:PORT[,HOST:PORT...] with ports 1-65535, but 'h2' in 'h1:9092,h2,h3:9094' "
                + "is not", m);
        assertThrows(IllegalArgumentException.class, () -> KafkaSettings.of("h1:9092,", null));
        assertThrows(IllegalArgumentException.class, () -> KafkaSettings.of("h1:99999", null));
    }

    @Test
    void producersWaitForEveryInSyncReplicaWhateverTheConfigFileSays() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "acks=1\nenable.idempotence=false\nsecurity.protocol=SSL\n");
        Properties p = KafkaSettings.of("h1:9092,h2:9092,h3:9092", file.toString()).durableProducerProperties();
        assertEquals("all", p.getProperty("acks"));
        assertEquals("true", p.getProperty("enable.idempotence"));
        assertEquals("SSL", p.getProperty("security.protocol"), "the file's other settings still apply");
        assertEquals(String.valueOf(KafkaSettings.REQUEST_TIMEOUT_MS), p.getProperty("request.timeout.ms"));
        assertEquals(String.valueOf(KafkaSettings.REQUEST_TIMEOUT_MS),
                KafkaSettings.of("h1:9092", null).consumerProperties().getProperty("request.timeout.ms"));
    }

    @Test
    void metricsBindToLoopbackUnlessToldOtherwise() {
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0)) {
            assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
        }
    }
}
