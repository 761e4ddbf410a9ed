package dev.sweep.coordinator.kafka;

/** The cluster did not answer: one line naming the bootstrap address and what to check. */
public final class KafkaUnreachableException extends RuntimeException {
    public KafkaUnreachableException(String bootstrap, Throwable cause) {
        super("Kafka at " + bootstrap + " did not answer (" + rootMessage(cause) + "); check --bootstrap, that the "
                + "broker is up, and the client security settings (--kafka-config)", cause);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
