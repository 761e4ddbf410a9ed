package dev.sweep.worker.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sweep.common.codec.ConfigException;
import dev.sweep.common.trial.TaskSpec;
import dev.sweep.common.trial.TaskType;
import dev.sweep.common.trial.ValidationSpec;
import dev.sweep.worker.data.TaskData;
import dev.sweep.worker.data.TextTokenizer;
import dev.sweep.worker.model.Pretrained;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 mutated data files (CSV and JSONL, regression and classification) through the data
 * loader with the real tokenizer: each loads or is refused with one line naming the file, never
 * another kind of exception, never a hang.
 */
class DataFuzzTest {
    @TempDir
    Path dir;

    private static final String[] CELLS = {"", "NaN", "nan", "inf", "-Infinity", "abc", "1e400", "\"", "\"\"", "3.5",
        "-2", "\"a,b\"", "\n", "\r", "\u0000", "😀", "x".repeat(5000), " ", ",", "null"};

    @Test
    void everyMutatedDataFileLoadsOrIsRefusedWithOneLineNamingIt() throws Exception {
        byte[] tokenizer = Pretrained.load("embedded", dir).tokenizerJson();
        Random rng = new Random(11);
        int loaded = 0;
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean regression = i % 2 == 0;
            boolean jsonl = i % 5 == 4;
            Path file = dir.resolve("d" + i + (jsonl ? ".jsonl" : ".csv"));
            Files.writeString(file, mutate(jsonl ? jsonl(regression) : csv(regression), rng, jsonl));
            TaskSpec task = new TaskSpec(regression ? TaskType.REGRESSION : TaskType.CLASSIFICATION, file.toString(),
                    List.of("text"), regression ? List.of("a", "b") : List.of("label"),
                    new ValidationSpec(null, null, null, 0.25, 1L), 32, null, null);
            try {
                String outcome = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                    try (TextTokenizer tok = TextTokenizer.fromJson(new ByteArrayInputStream(tokenizer), 32)) {
                        TaskData.load(task, dir, tok);
                        return null;
                    } catch (ConfigException | IllegalArgumentException e) {
                        return e.getMessage();
                    }
                }, "case " + i + " hung");
                if (outcome == null) {
                    loaded++;
                } else {
                    assertTrue(!outcome.isBlank() && !outcome.contains("\n") && outcome.contains("d" + i),
                            "case " + i + ": a one-line error naming the file: " + outcome);
                    refusals.add(outcome);
                }
            } catch (RuntimeException e) {
                fail("case " + i + " threw " + e + " instead of a clear refusal:\n" + Files.readString(file), e);
            }
        }
        System.out.printf("data fuzz: 200 cases, %d loaded, %d refused with one line, e.g.%n", loaded, refusals.size());
        refusals.stream().map(r -> r.replace(dir.toString(), "DIR")).distinct().limit(10)
                .forEach(r -> System.out.println("  " + r));
        assertTrue(refusals.size() > 50, "the mutations do break files: " + refusals.size());
    }

    private static String csv(boolean regression) {
        StringBuilder b = new StringBuilder(regression ? "text,a,b\n" : "text,label\n");
        for (int r = 0; r < 24; r++) {
            b.append("row ").append(r).append(" says something").append(regression ? "," + (1 + r % 4) + "," + (2 + r % 3)
                    : "," + (r % 2 == 0 ? "yes" : "no")).append('\n');
        }
        return b.toString();
    }

    private static String jsonl(boolean regression) {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < 24; r++) {
            b.append("{\"text\": \"row ").append(r).append("\", ").append(regression ? "\"a\": " + (1 + r % 4)
                    + ", \"b\": " + (2 + r % 3) : "\"label\": \"" + (r % 2 == 0 ? "yes" : "no") + "\"").append("}\n");
        }
        return b.toString();
    }

    /** One to three edits: a cell replaced, a line dropped, the header broken, a line cut short. */
    private static String mutate(String text, Random rng, boolean jsonl) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        int edits = 1 + rng.nextInt(3);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int line = rng.nextInt(lines.size());
            String l = lines.get(line);
            switch (rng.nextInt(5)) {
                case 0 -> {
                    if (jsonl) {
                        lines.set(line, l.replaceFirst(": [^,}]+", ": " + CELLS[rng.nextInt(CELLS.length)]));
                    } else {
                        String[] cells = l.split(",", -1);
                        cells[rng.nextInt(cells.length)] = CELLS[rng.nextInt(CELLS.length)];
                        lines.set(line, String.join(",", cells));
                    }
                }
                case 1 -> lines.remove(line);
                case 2 -> lines.set(0, lines.get(0).replaceFirst(rng.nextBoolean() ? "text" : "a", "tex t"));
                case 3 -> lines.set(line, l.substring(0, rng.nextInt(l.length() + 1)));
                default -> lines.add(line, CELLS[rng.nextInt(CELLS.length)]);
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
