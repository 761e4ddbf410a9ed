package dev.sweep.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.coordinator.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad data or a trick setting the model cannot take is refused before a broker starts or anything is published. */
class PreflightTest {
    @TempDir
    Path dir;

    private String refusal(String rest, String data) throws Exception {
        Path spec = Fixtures.writeSpec(dir, "bad", rest);
        if (data != null) {
            Files.writeString(dir.resolve("d.csv"), data);
        }
        Path sweepDir = dir.resolve(".sweep");
        String m = assertThrows(IllegalArgumentException.class, () -> CoordinatorMain.run(Command.RUN.parse(
                List.of(spec.toString(), "--workers", "0", "--data-dir", sweepDir.toString())),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))).getMessage();
        assertFalse(Files.exists(sweepDir.resolve("kafka")), "no broker was started, so nothing was published");
        assertTrue(m.startsWith("preflight refused the plan, nothing was published: ") && !m.contains("\n"), m);
        return m;
    }

    @Test
    void aRowWithoutALabelIsRefusedNamingTheFileAndLine() throws Exception {
        StringBuilder csv = new StringBuilder("text,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append("row ").append(i).append(',').append(i == 6 ? "" : i % 2 == 0 ? "warm" : "cold").append('\n');
        }
        String m = refusal("training: {epochs: 1, batch_size: 8, max_steps: 2}\ntricks: {ema: {}}", csv.toString());
        assertTrue(m.contains("d.csv:8: column 'label': the label is empty"), m);
    }

    @Test
    void aTrickSettingTheModelCannotTakeIsRefusedWithTheEnginesReason() throws Exception {
        String m = refusal("""
                training: {epochs: 1, batch_size: 8, max_steps: 2}
                tricks: {reinit_layers: {layers: 99}}
                """, null);
        assertTrue(m.contains("reinit_layers") && m.contains("99"), m);
    }
}
