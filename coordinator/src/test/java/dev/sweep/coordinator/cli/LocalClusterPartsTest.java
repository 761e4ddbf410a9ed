package dev.sweep.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.coordinator.Fixtures;
import dev.sweep.coordinator.run.ClusterSettings;
import dev.sweep.coordinator.run.ClusterStopException;
import dev.sweep.coordinator.run.Teardown;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run's cluster is made of, without starting one: its settings refuse a wrong number
 * before anything starts, and its parts stop newest first, every one of them even when one fails.
 */
class LocalClusterPartsTest {
    @TempDir
    Path dir;

    private static ClusterSettings settings(int metricsPort, int workers, int threads) {
        return new ClusterSettings(Path.of("/tmp/sweep"), null, null, "127.0.0.1", metricsPort, workers, threads,
                Path.of("worker.jar"), List.of(), null);
    }

    @Test
    void settingsRefuseAWrongNumberStatingTheRule() {
        assertEquals("--workers must be >= 0, but got -1",
                assertThrows(IllegalArgumentException.class, () -> settings(0, -1, 1)).getMessage());
        assertEquals("--threads must be >= 0, but got -2",
                assertThrows(IllegalArgumentException.class, () -> settings(0, 1, -2)).getMessage());
        assertEquals("--metrics-port must be between 0 and 65535, but got 70000",
                assertThrows(IllegalArgumentException.class, () -> settings(70000, 1, 1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(65535, 2, 1)).getMessage()
                .contains("leaves no room for 2 workers"));
        assertTrue(settings(0, 0, 0).embedded());
    }

    @Test
    void aRunRefusesAReplicationThatCannotBeBeforeAnythingStarts() throws Exception {
        Path spec = Fixtures.writeSpec(dir, "n", "training: {epochs: 1, batch_size: 8, max_steps: 2}\ntricks: {ema: {}}");
        for (var c : java.util.Map.of(List.of("--replication", "0"), "error: --replication must be >= 1, but got 0",
                List.of("--replication", "2", "--min-insync", "3"), "error: --min-insync 3 must not exceed --replication 2: "
                + "a write cannot wait for more copies than there are").entrySet()) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(err, true, StandardCharsets.UTF_8);
            List<String> args = new java.util.ArrayList<>(List.of("run", spec.toString(), "--data-dir",
                    dir.resolve(".sweep").toString(), "--preflight", "off"));
            args.addAll(c.getKey());
            assertEquals(1, CoordinatorMain.execute(args.toArray(String[]::new), print, print));
            assertEquals(c.getValue(), err.toString(StandardCharsets.UTF_8).strip());
        }
        assertFalse(Files.exists(dir.resolve(".sweep/kafka")), "no broker was started");
    }

    @Test
    void aRunRefusesANegativeWorkerCountBeforeAnythingStarts() throws Exception {
        Path spec = Fixtures.writeSpec(dir, "n", "training: {epochs: 1, batch_size: 8, max_steps: 2}\ntricks: {ema: {}}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = CoordinatorMain.execute(new String[] {"run", spec.toString(), "--workers", "-1", "--data-dir",
                dir.resolve(".sweep").toString()}, print, print);
        assertEquals(1, code);
        assertEquals("error: --workers must be >= 0, but got -1", err.toString(StandardCharsets.UTF_8).strip());
        assertFalse(Files.exists(dir.resolve(".sweep/kafka")), "no broker was started");
    }

    @Test
    void partsStopNewestFirstAndAFailureStopsNothingElse() {
        List<String> stopped = new ArrayList<>();
        Teardown t = new Teardown();
        t.add("the broker", () -> stopped.add("broker"));
        t.add("the metrics server", () -> {
            stopped.add("metrics");
            throw new IllegalStateException("port still bound");
        });
        t.add("the workers", () -> stopped.add("workers"));
        ClusterStopException e = assertThrows(ClusterStopException.class, t::stopAll);
        assertEquals(List.of("workers", "metrics", "broker"), stopped);
        assertEquals(List.of("stopping the metrics server failed: port still bound"), e.failures());
        assertEquals("port still bound", e.getSuppressed()[0].getMessage());
        t.stopAll(); // each part is stopped once
        assertEquals(3, stopped.size());
    }

    @Test
    void aStartThatFailsHalfWayStopsWhatItStartedAndKeepsItsOwnReason() {
        List<String> stopped = new ArrayList<>();
        Teardown t = new Teardown();
        t.add("the broker", () -> stopped.add("broker"));
        t.add("the metrics server", () -> {
            throw new IllegalStateException("stuck");
        });
        RuntimeException cause = new IllegalArgumentException("worker jar not found");
        t.stopAfter(cause);
        assertEquals(List.of("broker"), stopped);
        assertTrue(cause.getSuppressed()[0].getMessage().contains("stopping the metrics server failed: stuck"));
    }
}
