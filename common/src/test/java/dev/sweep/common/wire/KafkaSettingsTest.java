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
    void metricsBindToLoopbackUnlessToldOtherwise() {
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0)) {
            assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
        }
    }
}
