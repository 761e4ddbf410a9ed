package dev.sweep.worker.train;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the process's memory: the JVM heap's peak and the resident set, where native tensors live. */
public final class MemoryProbe {
    private static final Path STATUS = Path.of("/proc/self/status");

    private MemoryProbe() {}

    /** Sum of the heap pools' peak use since the JVM started (or since the last reset). */
    public static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /**
     * Starts the peaks afresh, so a worker that runs trial after trial reports each trial's own:
     * the heap pools' peaks, and VmHWM (writing 5 to /proc/self/clear_refs, Linux 4.0+).
     */
    public static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux, or not allowed: the peak then covers the process's life, as before
        }
    }

    /** Peak resident set size (VmHWM), or -1 where /proc is not available. */
    public static long peakResidentBytes() {
        return statusField("VmHWM:");
    }

    /** Current resident set size (VmRSS), or -1 where /proc is not available. */
    public static long residentBytes() {
        return statusField("VmRSS:");
    }

    private static long statusField(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1; // not Linux: the figure is simply unknown
        }
        return -1;
    }
}
