package dev.sweep.coordinator.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (or a SIGTERM) during a run: the JVM's shutdown asks the sweep loop to stop and waits
 * (up to 30 s) for the run to stop its cluster, so workers and the broker are not left behind and
 * the user is told how to carry on. Closing it ends the wait and removes the hook.
 */
final class StopOnShutdown implements AutoCloseable {
    private static final long WAIT_SECONDS = 30;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread hook;

    private StopOnShutdown() {
        hook = new Thread(() -> {
            requested.set(true);
            try {
                ended.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sweep-stop");
    }

    static StopOnShutdown install() {
        StopOnShutdown s = new StopOnShutdown();
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** Whether the JVM is shutting down and the run should stop. */
    boolean requested() {
        return requested.get();
    }

    @Override
    public void close() {
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running, and the count-down above lets it finish
        }
    }
}
