package dev.sweep.worker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sweep.common.trial.TaskSpec;
import dev.sweep.common.trial.TaskType;
import dev.sweep.common.trial.ValidationSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker tokenises a data file once for all the trials that read it the same way, and again when anything differs. */
class TaskDataCacheTest {
    static byte[] tokenizerJson;

    @TempDir
    Path dir;

    @BeforeAll
    static void readTokenizer() throws IOException {
        try (InputStream in = TaskDataCacheTest.class.getClassLoader()
                .getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
            tokenizerJson = in.readAllBytes();
        }
    }

    private static TaskSpec task(int maxLength) {
        return new TaskSpec(TaskType.REGRESSION, "d.csv", List.of("text"), List.of("a"),
                new ValidationSpec(null, null, null, 0.25, 1L), maxLength, false, 0);
    }

    private TaskData load(TaskDataCache cache, TaskSpec task, byte[] tokenizer, AtomicInteger loads) {
        return cache.get(task, dir, tokenizer, () -> {
            loads.incrementAndGet();
            try (TextTokenizer t = TextTokenizer.fromJson(new java.io.ByteArrayInputStream(tokenizer), task.maxLength())) {
                return TaskData.load(task, dir, t);
            }
        });
    }

    @Test
    void theSameFileTaskAndTokenizerAreTokenisedOnceAndAnyChangeReadsThemAgain() throws IOException {
        Path file = dir.resolve("d.csv");
        Files.writeString(file, "text,a\none two,1\nthree four five,2\nsix,3\nseven eight,4\n");
        TaskDataCache cache = new TaskDataCache();
        AtomicInteger loads = new AtomicInteger();
        TaskData first = load(cache, task(16), tokenizerJson, loads);
        assertSame(first, load(cache, task(16), tokenizerJson, loads), "a second trial of the same task");
        assertEquals(1, loads.get());
        assertEquals(1, cache.hits());

        TaskData shorter = load(cache, task(4), tokenizerJson, loads);
        assertNotSame(first, shorter, "another max_length tokenises again");
        assertEquals(true, shorter.train().get(0).inputIds().length <= 4, "tokenised at its own max_length");

        byte[] otherTokenizer = new String(tokenizerJson, StandardCharsets.UTF_8).replace("\"version\"", " \"version\"")
                .getBytes(StandardCharsets.UTF_8);
        assertNotSame(first, load(cache, task(16), otherTokenizer, loads), "another tokenizer tokenises again");

        Files.writeString(file, "text,a\none two,1\nthree four five,2\nsix,3\nseven eight,4\nnine,5\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
        TaskData edited = load(cache, task(16), tokenizerJson, loads);
        assertEquals(5, edited.train().size() + edited.validation().size(), "an edited file is read again");
        assertEquals(4, loads.get());
    }

    @Test
    void aRefusedFileIsNotKeptAndIsRefusedAgain() throws IOException {
        Files.writeString(dir.resolve("d.csv"), "text,b\none,1\n");
        TaskDataCache cache = new TaskDataCache();
        AtomicInteger loads = new AtomicInteger();
        assertThrows(DataException.class, () -> load(cache, task(16), tokenizerJson, loads));
        assertThrows(DataException.class, () -> load(cache, task(16), tokenizerJson, loads));
        assertEquals(2, loads.get());
    }
}
