package dev.sweep.coordinator.run;

import java.util.List;

/**
 * Parts of a cluster that did not stop; every other part was stopped. Not a reason to change a
 * sweep's outcome (its results are in the log and on disk), but the user must hear of it: a
 * broker or worker may still hold a port or a folder.
 */
public final class ClusterStopException extends RuntimeException {
    private final List<String> failures;

    ClusterStopException(List<String> failures) {
        super(String.join("; ", failures));
        this.failures = List.copyOf(failures);
    }

    /** One line per part that failed: "stopping the metrics server failed: REASON". */
    public List<String> failures() {
        return failures;
    }
}
