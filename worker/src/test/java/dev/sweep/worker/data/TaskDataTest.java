package dev.sweep.worker.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.trial.TaskSpec;
import dev.sweep.common.trial.TaskType;
import dev.sweep.common.trial.ValidationSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskDataTest {
    static TextTokenizer tokenizer;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTokenizer() throws IOException {
        try (InputStream in = TaskDataTest.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
            tokenizer = TextTokenizer.fromJson(in, 16);
        }
    }

    @AfterAll
    static void closeTokenizer() {
        tokenizer.close();
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static TaskSpec regression(String file, ValidationSpec v) {
        return new TaskSpec(TaskType.REGRESSION, file, List.of("text"), List.of("a", "b"), v, 16, false, 0);
    }

    private static TaskSpec classification(String file, ValidationSpec v) {
        return new TaskSpec(TaskType.CLASSIFICATION, file, List.of("text"), List.of("label"), v, 16, false, 0);
    }

    private static ValidationSpec fraction(double f) {
        return new ValidationSpec(null, null, null, f, 1L);
    }

    private DataException refused(TaskSpec task) {
        return assertThrows(DataException.class, () -> TaskData.load(task, dir, tokenizer));
    }

    @Test
    void csvTsvAndJsonlReadTheSameRows() throws IOException {
        write("d.csv", "text,a,b\n\"hello, world\",1.5,2\nsecond row,3,4\nthird,5,6\nfourth,7,8\n");
        write("d.tsv", "text\ta\tb\nhello, world\t1.5\t2\nsecond row\t3\t4\nthird\t5\t6\nfourth\t7\t8\n");
        write("d.jsonl", "{\"text\":\"hello, world\",\"a\":1.5,\"b\":\"2\"}\n{\"text\":\"second row\",\"a\":3,\"b\":4}\n"
                + "{\"text\":\"third\",\"a\":5,\"b\":6}\n{\"text\":\"fourth\",\"a\":7,\"b\":8}\n");
        for (String f : List.of("d.csv", "d.tsv", "d.jsonl")) {
            TaskData d = TaskData.load(regression(f, fraction(0.25)), dir, tokenizer);
            assertEquals(3, d.train().size(), f);
            assertEquals(1, d.validation().size(), f);
            assertEquals(2, d.numOutputs());
            assertEquals(2, d.targetMin().length, f);
            assertArrayEquals(new float[] {1.5f, 2f}, minOfAll(d), f);
        }
    }

    private static float[] minOfAll(TaskData d) {
        float[] min = {Float.MAX_VALUE, Float.MAX_VALUE};
        for (EncodedSplit s : List.of(d.train(), d.validation())) {
            for (int i = 0; i < s.size(); i++) {
                for (int k = 0; k < 2; k++) {
                    min[k] = Math.min(min[k], s.get(i).targets()[k]);
                }
            }
        }
        return min;
    }

    @Test
    void aMissingFileIsNamedWithTheFieldToCheck() {
        DataException e = refused(regression("nope.csv", fraction(0.2)));
        assertTrue(e.getMessage().endsWith("nope.csv: no such file; check task.train"), e.getMessage());
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsThatExist() throws IOException {
        write("d.csv", "text,a\nx,1\n");
        DataException e = refused(regression("d.csv", fraction(0.2)));
        assertTrue(e.getMessage().contains("d.csv:1: column 'b' (named in task.targets) is missing; the file has [text, a]"),
                e.getMessage());
    }

    @Test
    void aNonNumericTargetIsRefusedAtItsLineAndColumn() throws IOException {
        // the quoted text spans two lines, so the bad row starts on line 4
        write("d.csv", "text,a,b\n\"one\ntwo\",1,2\nfine,high,3\n");
        DataException e = refused(regression("d.csv", fraction(0.2)));
        assertTrue(e.getMessage().contains("d.csv:4: column 'a': target 'high' is not a number"), e.getMessage());
    }

    @Test
    void aNaNTargetIsRefusedAtItsLineAndColumn() throws IOException {
        write("d.csv", "text,a,b\nx,1,2\ny,2,NaN\n");
        DataException e = refused(regression("d.csv", fraction(0.2)));
        assertTrue(e.getMessage().contains("d.csv:3: column 'b': target is NaN"), e.getMessage());
    }

    @Test
    void anEmptyTextIsRefusedAtItsLineAndColumn() throws IOException {
        write("d.jsonl", "{\"text\":\"ok\",\"label\":\"x\"}\n{\"text\":\"  \",\"label\":\"y\"}\n");
        DataException e = refused(classification("d.jsonl", fraction(0.2)));
        assertTrue(e.getMessage().contains("d.jsonl:2: column 'text': the text is empty"), e.getMessage());
    }

    @Test
    void aValidationLabelTrainingNeverSawIsRefusedWhereItIs() throws IOException {
        write("train.csv", "text,label\na,cat\nb,dog\n");
        write("valid.csv", "text,label\nc,dog\nd,bird\n");
        DataException e = refused(classification("train.csv", new ValidationSpec(null, null, "valid.csv", null, null)));
        assertTrue(e.getMessage().contains("valid.csv:3: column 'label': label 'bird' never occurs in the training data [cat, dog]"),
                e.getMessage());
    }

    @Test
    void aMalformedJsonLineIsNamed() throws IOException {
        write("d.jsonl", "{\"text\":\"ok\",\"label\":\"x\"}\n{\"text\": oops}\n");
        DataException e = refused(classification("d.jsonl", fraction(0.2)));
        assertTrue(e.getMessage().contains("d.jsonl:2: not a JSON object"), e.getMessage());
    }

    @Test
    void foldsHoldOutExactlyTheirRowsAndEveryRowIsHeldOutOnce() throws IOException {
        StringBuilder b = new StringBuilder("text,label\n");
        for (int i = 0; i < 40; i++) {
            b.append("text number ").append(i).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        write("d.csv", b.toString());
        Set<Integer> heldOut = new HashSet<>();
        for (int fold = 0; fold < 4; fold++) {
            TaskData d = TaskData.load(classification("d.csv", new ValidationSpec(4, fold, null, null, 7L)), dir, tokenizer);
            assertEquals(40, d.train().size() + d.validation().size());
            for (int i = 0; i < d.validation().size(); i++) {
                assertTrue(heldOut.add(d.validation().get(i).row()), "row held out twice");
            }
            Set<Integer> trainRows = new HashSet<>();
            for (int i = 0; i < d.train().size(); i++) {
                trainRows.add(d.train().get(i).row());
            }
            for (int i = 0; i < d.validation().size(); i++) {
                assertTrue(!trainRows.contains(d.validation().get(i).row()));
            }
        }
        assertEquals(40, heldOut.size());
    }

    @Test
    void pairsEncodeBothTextsWithSegmentIds() throws IOException {
        write("d.csv", "q,p,label\nwho is it,it is me,yes\nwhere,here,no\n");
        TaskSpec task = new TaskSpec(TaskType.CLASSIFICATION, "d.csv", List.of("q", "p"), List.of("label"),
                new ValidationSpec(null, null, "d.csv", null, null), 16, false, 0);
        EncodedExample e = TaskData.load(task, dir, tokenizer).train().get(0);
        // [CLS] who is it [SEP] it is me [SEP]
        assertEquals(9, e.length());
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 1, 1, 1, 1}, e.typeIds());
    }

    @Test
    void theTokenizerAddsSpecialTokensTruncatesAndNeverPads() {
        TextTokenizer.Encoded e = tokenizer.encode("hello world", null);
        assertArrayEquals(new long[] {101, 7592, 2088, 102}, e.ids());
        TextTokenizer.Encoded longer = tokenizer.encode("word ".repeat(100), null);
        assertEquals(16, longer.ids().length);
        assertEquals(102, longer.ids()[15]);
    }
}
