package dev.sweep.common.wire;

/**
 * How loud the Kafka clients are in the sweep's processes. Their log lines say, in Kafka's words
 * and before the sweep's own one-line error, what that error says in the user's: a refused
 * password, an untrusted certificate, a broker that went away. So the clients log errors only,
 * and their network client nothing at all; the sweep reports those conditions itself, naming
 * the setting to change. A {@code -Dorg.slf4j.simpleLogger.log...} on the command line wins.
 */
public final class ClientLogging {
    static final String KAFKA = "org.slf4j.simpleLogger.log.org.apache.kafka";
    static final String NETWORK_CLIENT = "org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient";

    private ClientLogging() {}

    /** Sets the defaults above where the command line set nothing; call before any Kafka client exists. */
    public static void quiet() {
        setIfAbsent(KAFKA, "error");
        setIfAbsent(NETWORK_CLIENT, "off");
    }

    private static void setIfAbsent(String property, String level) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, level);
        }
    }
}
