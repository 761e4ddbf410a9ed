package dev.sweep.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.coordinator.Fixtures;
import dev.sweep.coordinator.kafka.EmbeddedBroker;
import dev.sweep.coordinator.kafka.EventLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit publishes everything at once and leaves, so a strategy that learns from results cannot
 * go through it: refused in one line, with nothing in the log (a real broker, no worker).
 */
class SubmitRefusalTest {
    @TempDir
    Path dir;

    @Test
    void anAdaptiveSweepIsRefusedInOneLineBeforeAnythingIsPublished() throws Exception {
        Path spec = Fixtures.writeSpec(dir, "tpe-submit", """
                training: {epochs: 1, batch_size: 8, max_steps: 2}
                strategy: tpe
                samples: 3
                seeds: [1]
                space: {training.lr: [1.0e-5, 1.0e-4]}
                """);
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("cluster"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(err, true, StandardCharsets.UTF_8);
            int code = CoordinatorMain.execute(new String[] {"submit", spec.toString(), "--bootstrap", broker.bootstrap(),
                    "--preflight", "off"}, print, print);
            String said = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, code, said);
            assertEquals(1, said.strip().lines().count(), said);
            assertTrue(said.startsWith("error: strategy tpe learns from results as they come, so it needs a coordinator "
                    + "that stays: use 'sweep run SPEC.yaml --bootstrap HOST:PORT' instead of submit"), said);
            try (EventLog log = new EventLog(KafkaSettings.of(broker.bootstrap(), null), w -> {})) {
                assertEquals(0, log.catchUp().events().size(), "nothing was published");
            }
        }
    }
}
