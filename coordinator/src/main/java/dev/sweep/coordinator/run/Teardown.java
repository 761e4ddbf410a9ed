package dev.sweep.coordinator.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The parts something started, stopped in the reverse order they started (workers before the
 * broker they write to). A part that fails to stop does not keep the others running: every part
 * is stopped, then the failures are thrown together as one {@link ClusterStopException}.
 */
public final class Teardown {
    private record Part(String name, AutoCloseable part) {}

    private final Deque<Part> parts = new ArrayDeque<>();

    /** @param name what the part is, in words, for a failure to stop it ("the metrics server") */
    public void add(String name, AutoCloseable part) {
        parts.push(new Part(name, part));
    }

    /**
     * Stops every part, newest first; each is stopped once, so a second call does nothing.
     *
     * @throws ClusterStopException naming each part that failed to stop, after all were tried
     */
    public void stopAll() {
        List<String> failures = new ArrayList<>();
        List<Exception> causes = new ArrayList<>();
        while (!parts.isEmpty()) {
            Part p = parts.pop();
            try {
                p.part().close();
            } catch (Exception e) { // AutoCloseable.close declares Exception; whatever it is, the rest still stop
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failures.add("stopping " + p.name() + " failed: " + e.getMessage());
                causes.add(e);
            }
        }
        if (!failures.isEmpty()) {
            ClusterStopException e = new ClusterStopException(failures);
            causes.forEach(e::addSuppressed);
            throw e;
        }
    }

    /**
     * Stops everything after {@code cause} broke a start: failures to stop are added to it as
     * suppressed exceptions, so the reason the start failed stays the one reported.
     */
    public void stopAfter(RuntimeException cause) {
        try {
            stopAll();
        } catch (ClusterStopException e) {
            cause.addSuppressed(e);
        }
    }
}
