package dev.sweep.common.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a refusal is told apart by type wherever it sits in the causes, and what its one line says.
 * The secured-cluster test sees the same lines from a real broker.
 */
class KafkaRefusedExceptionTest {
    private static final String SECRET = "p4ss-w0rd";

    @TempDir
    Path dir;

    @Test
    void refusedCredentialsNameTheJaasSettingAndTheFileNotThePassword() throws Exception {
        Path file = config("sasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=x required username=\"u\" password=\"" + SECRET
                + "\";\n");
        // as a client future fails: the client's exception inside the executor's
        Throwable failure = new RuntimeException("wrapped", new ExecutionException(new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512")));
        KafkaRefusedException e = KafkaRefusedException.find(failure, "b:9096", file.toString()).orElseThrow();
        assertEquals(KafkaRefusedException.Reason.CREDENTIALS, e.reason());
        assertEquals("Kafka at b:9096 refused the credentials: SASL authentication failed (SCRAM-SHA-512); check "
                + "sasl.jaas.config in " + file, e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void aMechanismTheBrokerDoesNotOfferNamesSaslMechanism() throws Exception {
        Path file = config("sasl.mechanism=PLAIN\n");
        KafkaRefusedException e = KafkaRefusedException.find(new UnsupportedSaslMechanismException("no PLAIN"), "b:9096",
                file.toString()).orElseThrow();
        assertEquals("Kafka at b:9096 does not accept SASL mechanism PLAIN; check sasl.mechanism in " + file,
                e.getMessage());
    }

    @Test
    void anUntrustedBrokerCertificateNamesTheTruststore() throws Exception {
        Throwable failure = new SslAuthenticationException("SSL handshake failed", new SSLHandshakeException(
                "PKIX path building failed").initCause(new CertPathBuilderException("unable to find valid certification path")));
        KafkaRefusedException e = KafkaRefusedException.find(failure, "b:9093", null).orElseThrow();
        assertEquals(KafkaRefusedException.Reason.UNTRUSTED_BROKER, e.reason());
        assertEquals("Kafka at b:9093 failed the TLS handshake: its certificate is not signed by a CA this client "
                + "trusts; set ssl.truststore.location in a Kafka client config file (--kafka-config FILE or "
                + "SWEEP_KAFKA_CONFIG)", e.getMessage());
    }

    @Test
    void anotherHandshakeFailureSaysTheTlsLayersWords() {
        Throwable failure = new SslAuthenticationException("SSL handshake failed", new SSLHandshakeException(
                "No subject alternative names matching IP address 10.0.0.1 found").initCause(
                new CertificateException("No subject alternative names matching IP address 10.0.0.1 found")));
        KafkaRefusedException e = KafkaRefusedException.find(failure, "10.0.0.1:9093", null).orElseThrow();
        assertEquals(KafkaRefusedException.Reason.HANDSHAKE, e.reason());
        assertTrue(e.getMessage().startsWith("Kafka at 10.0.0.1:9093 failed the TLS handshake (its certificate does "
                + "not fit: No subject alternative names matching IP address 10.0.0.1 found); set ssl.truststore.location, "
                + "ssl.keystore.location"), e.getMessage());
    }

    @Test
    void aBrokerThatDidNotAnswerIsNoRefusal() {
        assertTrue(KafkaRefusedException.find(new ExecutionException(new TimeoutException("timed out")), "b:9092", null)
                .isEmpty());
    }

    @Test
    void aStoreThatIsNotThereIsNamedWhereTheSettingsAreRead() throws Exception {
        Path file = config("ssl.truststore.location=" + dir.resolve("gone.p12") + "\nssl.truststore.password=" + SECRET
                + "\n");
        String m = assertThrows(IllegalArgumentException.class, () -> KafkaSettings.of("b:9093", file.toString()))
                .getMessage();
        assertEquals("Kafka client config " + file + ": ssl.truststore.location " + dir.resolve("gone.p12")
                + ": no such file", m);
    }

    private Path config(String text) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, text);
        return file;
    }
}
