package dev.sweep.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.coordinator.Fixtures;
import dev.sweep.coordinator.kafka.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run told to stop (SIGTERM here, as Ctrl-C's SIGINT) leaves its loop, says how to carry on,
 * stops what it started and exits soon after, without waiting out the shutdown hook's limit.
 */
class StopOnShutdownTest {
    @TempDir
    Path dir;

    @Test
    void aRunToldToStopSaysHowToCarryOnAndExits() throws Exception {
        Path spec = Fixtures.writeSpec(dir, "stopped", "training: {epochs: 1, batch_size: 8, max_steps: 2}\n"
                + "tricks: {ema: {}}");
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("cluster"))) {
            Path out = dir.resolve("coordinator.log");
            // no workers: the sweep waits for one until it is told to stop
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), CoordinatorMain.class.getName(), "run", spec.toString(),
                    "--bootstrap", broker.bootstrap(), "--workers", "0", "--data-dir", dir.resolve(".sweep").toString(),
                    "--preflight", "off").redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                long deadline = System.currentTimeMillis() + 120_000;
                while (!Files.readString(out).contains("sweep: metrics at ")) {
                    assertTrue(p.isAlive() && System.currentTimeMillis() < deadline, "not started: " + Files.readString(out));
                    Thread.sleep(200);
                }
                Thread.sleep(2000); // into the loop
                long asked = System.currentTimeMillis();
                p.destroy();
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running a minute after SIGTERM");
                long took = System.currentTimeMillis() - asked;
                String said = Files.readString(out);
                assertTrue(said.contains("sweep: stopped before the end; run the same command again to carry on"), said);
                assertTrue(took < 25_000, "exited " + took + " ms after SIGTERM, not when the run had stopped");
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
