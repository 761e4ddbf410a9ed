package dev.sweep.common.wire;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

/**
 * The cluster refused this client: its SASL credentials, its SASL mechanism, or the TLS handshake.
 * Fatal: the same settings fail the same way on every try, so a command ends with this one line,
 * which names the setting to fix and the file it is in, and never a value from that file (it may
 * hold a password).
 */
public final class KafkaRefusedException extends RuntimeException {
    /** What the cluster refused, each with the client setting that decides it. */
    public enum Reason {
        CREDENTIALS("sasl.jaas.config"),
        MECHANISM("sasl.mechanism"),
        UNTRUSTED_BROKER("ssl.truststore.location"),
        HANDSHAKE("ssl.truststore.location, ssl.keystore.location");

        private final String setting;

        Reason(String setting) {
            this.setting = setting;
        }

        /** The client setting (or settings) to check. */
        public String setting() {
            return setting;
        }
    }

    private final Reason reason;

    private KafkaRefusedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The refusal somewhere in {@code failure}'s causes (a client call's own exception, or one the
     * product wrapped it in), or empty when the failure is something else (then it is not fatal by
     * this rule).
     *
     * @param bootstrap the cluster the client talked to, as the user named it
     * @param configFile the client config file the settings came from ({@code --kafka-config} or
     *     {@code SWEEP_KAFKA_CONFIG}), or null when there was none
     */
    public static Optional<KafkaRefusedException> find(Throwable failure, String bootstrap, String configFile) {
        Map<String, String> settings = configFile == null ? Map.of() : KafkaSettings.read(java.nio.file.Path.of(configFile));
        String where = "Kafka at " + bootstrap;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnsupportedSaslMechanismException) {
                return Optional.of(new KafkaRefusedException(Reason.MECHANISM, where + " does not accept SASL mechanism "
                        + mechanism(settings) + "; " + check(Reason.MECHANISM, configFile), t));
            }
            if (t instanceof SaslAuthenticationException) {
                return Optional.of(new KafkaRefusedException(Reason.CREDENTIALS, where + " refused the credentials: SASL "
                        + "authentication failed (" + mechanism(settings) + "); " + check(Reason.CREDENTIALS, configFile), t));
            }
            if (t instanceof SslAuthenticationException) {
                return Optional.of(tls(t, where, configFile));
            }
        }
        return Optional.empty();
    }

    /**
     * A failed handshake: the broker's certificate not trusted by this client (the common case:
     * no truststore, or another CA's), else said with the TLS layer's own words, which name no
     * secret (certificates are public).
     */
    private static KafkaRefusedException tls(Throwable ssl, String where, String configFile) {
        Throwable root = ssl;
        boolean untrusted = false;
        for (Throwable t = ssl; t != null; t = t.getCause() == t ? null : t.getCause()) {
            untrusted |= t instanceof CertPathBuilderException || t instanceof CertPathValidatorException;
            root = t;
        }
        if (untrusted) {
            return new KafkaRefusedException(Reason.UNTRUSTED_BROKER, where + " failed the TLS handshake: its certificate "
                    + "is not signed by a CA this client trusts; " + check(Reason.UNTRUSTED_BROKER, configFile), ssl);
        }
        String detail = root instanceof CertificateException ? "its certificate does not fit: " + root.getMessage()
                : root.getMessage();
        return new KafkaRefusedException(Reason.HANDSHAKE, where + " failed the TLS handshake (" + detail + "); "
                + check(Reason.HANDSHAKE, configFile), ssl);
    }

    private static String mechanism(Map<String, String> settings) {
        // the client's own default when the file does not say
        return settings.getOrDefault("sasl.mechanism", "GSSAPI");
    }

    private static String check(Reason reason, String configFile) {
        return configFile == null
                ? "set " + reason.setting() + " in a Kafka client config file (--kafka-config FILE or " + KafkaSettings.CONFIG_ENV + ")"
                : "check " + reason.setting() + " in " + configFile;
    }
}
