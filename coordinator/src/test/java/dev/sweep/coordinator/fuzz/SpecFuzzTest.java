package dev.sweep.coordinator.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.codec.ConfigException;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.coordinator.plan.SweepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 300 mutated sweep specs through the path every spec takes before anything is published
 * (read, validate, plan): each is either planned or refused with one line that names where,
 * never an exception of another kind, never a hang.
 */
class SpecFuzzTest {
    @TempDir
    Path dir;

    private static final String SPEC = """
            name: fuzz
            task:
              type: regression
              train: d.csv
              text: [text]
              targets: [a, b]
              max_length: 64
              validation: {folds: 3, fold: 0, seed: 7}
            model: {source: embedded, pooling: attention, head_dropout: 0.1}
            training: {epochs: 2, batch_size: 8, lr: 2.0e-5, head_lr: 1.0e-3, warmup_ratio: 0.1, scheduler: cosine}
            seeds: [1, 2]
            strategy: ablation
            tricks:
              fgm: {epsilon: 1.0}
              llrd: {decay: 0.9}
              ema: {decay: 0.99}
            combinations:
              - [fgm, llrd]
            max_attempts: 2
            budget: {max_trials: 100}
            """;

    private static final String[] TOKENS = {"-1", "0", "1e309", "NaN", "null", "~", "[]", "{}", "\"\"", "abc", "[1, 2]",
        "{x: 1}", "true", "2.5", "-0.0", "999999999999", "grid", "random", "fgm", "tricks", "\t", ":", "- ", "'", "\"",
        "&a", "*a", "!!binary", "%", "@", "`", "#", "\n  ", "{", "]"};

    @Test
    void everyMutatedSpecIsPlannedOrRefusedWithOneLine() throws Exception {
        Random rng = new Random(20261122);
        List<String> refusals = new ArrayList<>();
        int planned = 0;
        for (int i = 0; i < 300; i++) {
            String spec = mutate(SPEC, rng);
            Path file = dir.resolve("spec-" + i + ".yaml");
            Files.writeString(file, spec);
            try {
                String outcome = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    try {
                        SweepSpec s = Codec.readYaml(file, SweepSpec.class);
                        new SweepPlanner(s, dir).trials();
                        return null;
                    } catch (ConfigException | IllegalArgumentException e) {
                        return e.getMessage();
                    }
                }, "case " + i + " hung:\n" + spec);
                if (outcome == null) {
                    planned++;
                } else {
                    assertTrue(!outcome.isBlank() && !outcome.contains("\n"), "case " + i + ": not one line: " + outcome);
                    assertTrue(outcome.length() < 600, "case " + i + ": too long to read: " + outcome);
                    refusals.add(outcome);
                }
            } catch (RuntimeException e) {
                fail("case " + i + " threw " + e + " instead of a clear refusal:\n" + spec, e);
            }
        }
        System.out.printf("spec fuzz: 300 cases, %d planned, %d refused with one line, e.g.%n", planned, refusals.size());
        refusals.stream().distinct().limit(12).forEach(r -> System.out.println("  " + r));
        assertTrue(refusals.size() > 100, "the mutations do break specs: " + refusals.size());
    }

    /** One to three edits: a token put in place of a value, a line dropped or doubled, a character cut. */
    static String mutate(String spec, Random rng) {
        List<String> lines = new ArrayList<>(List.of(spec.split("\n")));
        int edits = 1 + rng.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int line = rng.nextInt(lines.size());
            String l = lines.get(line);
            switch (rng.nextInt(5)) {
                case 0 -> {
                    int colon = l.indexOf(':');
                    if (colon > 0) {
                        lines.set(line, l.substring(0, colon + 1) + " " + TOKENS[rng.nextInt(TOKENS.length)]);
                    }
                }
                case 1 -> lines.remove(line);
                case 2 -> lines.add(line, l);
                case 3 -> {
                    if (!l.isEmpty()) {
                        int at = rng.nextInt(l.length());
                        lines.set(line, l.substring(0, at) + l.substring(at + 1));
                    }
                }
                default -> {
                    int at = l.isEmpty() ? 0 : rng.nextInt(l.length());
                    lines.set(line, l.substring(0, at) + TOKENS[rng.nextInt(TOKENS.length)] + l.substring(at));
                }
            }
            if (lines.isEmpty()) {
                lines.add("");
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
