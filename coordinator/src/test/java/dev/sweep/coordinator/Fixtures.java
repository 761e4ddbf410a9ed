package dev.sweep.coordinator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** What the tests that run real sweeps share: a small real dataset and the worker jar. */
public final class Fixtures {
    private Fixtures() {}

    /** Where the worker jar is when the coordinator module's tests run (the reactor built it first). */
    public static Path workerJar() {
        return Path.of("").toAbsolutePath().getParent().resolve("worker/target/sweep-worker.jar");
    }

    /**
     * Writes the small dataset and a sweep spec over it to {@code dir/spec.yaml}: the shared task
     * (warm or cold, 16 tokens, a quarter held out) and the embedded model, then {@code rest}
     * (training, seeds, tricks...). Returns the spec's path.
     */
    public static Path writeSpec(Path dir, String name, String rest) throws Exception {
        writeData(dir.resolve("d.csv"));
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, """
                name: %s
                task: {type: classification, train: d.csv, text: [text], targets: [label], max_length: 16,
                       validation: {fraction: 0.25}}
                model: {source: embedded, pooling: mean}
                %s
                """.formatted(name, rest.strip()));
        return spec;
    }

    /** Two classes a small encoder separates at once: warm words against cold ones, 48 rows. */
    public static void writeData(Path file) throws Exception {
        String[] warm = {"sunny", "happy", "bright", "lovely", "great", "wonderful"};
        String[] cold = {"rainy", "gloomy", "dark", "awful", "poor", "terrible"};
        Random rng = new Random(1);
        StringBuilder b = new StringBuilder("text,label\n");
        for (int i = 0; i < 48; i++) {
            boolean pos = i % 2 == 0;
            String[] words = pos ? warm : cold;
            b.append("a ").append(words[rng.nextInt(6)]).append(" and ").append(words[rng.nextInt(6)]).append(" day,")
                    .append(pos ? "warm" : "cold").append('\n');
        }
        Files.writeString(file, b.toString());
    }

    /** The repository's 48 tiny learner essays (two scores each), for tests of a regression task. */
    public static void writeEssays(Path file) throws Exception {
        Files.copy(Path.of("").toAbsolutePath().getParent().resolve("examples/data/essays-tiny.csv"), file);
    }
}
