package dev.sweep.worker.cli;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A stress setting, not a feature: with {@code -Dsweep.gc_chaos_ms=N} the JVM runs full
 * collections at random moments, on average every N ms, on a daemon thread. Memory handed to
 * libtorch that a collection could free too early (docs/memory-safety.md) then shows up as
 * corrupted training within a few steps; the reproduction in docs/benchmarks.md runs the trick
 * benchmark's base child this way and compares every step's loss with a run without it.
 */
final class GcChaos {
    static final String PROPERTY = "sweep.gc_chaos_ms";

    private GcChaos() {}

    /** Starts the collector thread when the property is set to a positive number of milliseconds. */
    static void startIfAsked() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return;
        }
        long mean;
        try {
            mean = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be a whole number of milliseconds, but got '"
                    + value + "'");
        }
        if (mean <= 0) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be > 0, but got " + mean);
        }
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    // uniform in [0, 2 * mean): collections land anywhere in a step, forward or backward
                    Thread.sleep(ThreadLocalRandom.current().nextLong(2 * mean));
                    System.gc();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gc-chaos");
        t.setDaemon(true);
        t.start();
        System.err.println("gc chaos: a full collection every " + mean + " ms on average");
    }
}
