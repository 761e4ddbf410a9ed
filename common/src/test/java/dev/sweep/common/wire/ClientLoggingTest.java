package dev.sweep.common.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientLoggingTest {
    private final String kafka = System.getProperty(ClientLogging.KAFKA);
    private final String network = System.getProperty(ClientLogging.NETWORK_CLIENT);

    @AfterEach
    void restore() {
        reset(ClientLogging.KAFKA, kafka);
        reset(ClientLogging.NETWORK_CLIENT, network);
    }

    @Test
    void theClientsAreKeptToErrorsAndTheNetworkClientSilentUnlessTheCommandLineSaysOtherwise() {
        System.clearProperty(ClientLogging.KAFKA);
        System.setProperty(ClientLogging.NETWORK_CLIENT, "debug"); // as -D on the command line
        ClientLogging.quiet();
        assertEquals("error", System.getProperty(ClientLogging.KAFKA));
        assertEquals("debug", System.getProperty(ClientLogging.NETWORK_CLIENT), "the command line wins");
        System.clearProperty(ClientLogging.NETWORK_CLIENT);
        ClientLogging.quiet();
        assertEquals("off", System.getProperty(ClientLogging.NETWORK_CLIENT));
    }

    private static void reset(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
