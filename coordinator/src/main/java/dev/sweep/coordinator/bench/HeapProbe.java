package dev.sweep.coordinator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The JVM's heap in use right after a full collection: what is still reachable. */
final class HeapProbe {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapProbe() {}

    /**
     * Bytes of heap in use after {@code System.gc()}: a full, stop-the-world collection with G1,
     * which pauses the broker and the workers too (hundreds of milliseconds on two busy cores).
     */
    static long afterGc() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
