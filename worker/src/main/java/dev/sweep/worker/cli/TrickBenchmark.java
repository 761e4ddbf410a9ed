package dev.sweep.worker.cli;

import dev.sweep.common.cli.Options;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.common.trick.TrickDefinition;
import dev.sweep.common.trick.TrickRegistry;
import dev.sweep.worker.train.MemoryProbe;
import dev.sweep.worker.train.TrainingListener;
import dev.sweep.worker.train.TrainingLoop;
import dev.sweep.worker.train.TrialRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The cost of each trick the registry declares (GPU-only ones aside): the real training loop on the same batches (8 x 256 tokens, the
 * embedded model, a 6-output regression head, dropout 0.1), base and each trick, each in a JVM of
 * its own so that its peak resident memory is its own. Prints ms per optimizer step and peak
 * memory, each with its ratio to base.
 */
final class TrickBenchmark {
    /** Base, each trick of the registry that runs on a CPU with its declared benchmark settings, and one combination. */
    static final Map<String, String> TRICKS = new LinkedHashMap<>();

    static {
        TRICKS.put("base", "{}");
        for (TrickDefinition t : TrickRegistry.all()) {
            if (!t.gpuOnly()) {
                TRICKS.put(t.name(), Codec.toJson(Map.of(t.name(), t.benchmark()))); // JSON is YAML's flow style
            }
        }
        TRICKS.put("fgm+llrd+ema", "{fgm: {}, llrd: {}, ema: {}}");
    }

    private TrickBenchmark() {}

    /**
     * The parent: child JVMs, then the table. With {@code --rounds R}, each trick runs R times,
     * each time right after a base run of its own, and its ratio is the median of those pairs'
     * ratios: the machine's drift (other jobs, heat) then cancels instead of landing on one trick.
     */
    static void all(List<String> args) {
        Options o = Options.parse(args, List.of("--steps", "--warmup", "--only", "--rounds"));
        int steps = o.intValue("--steps", 10);
        int warmup = o.intValue("--warmup", 3);
        int rounds = o.intValue("--rounds", 1);
        List<String> names = o.has("--only") ? List.of(o.value("--only").split(",")) : new ArrayList<>(TRICKS.keySet());
        for (String name : names) {
            if (!TRICKS.containsKey(name)) {
                throw new IllegalArgumentException("--only: unknown trick '" + name + "'; known: " + TRICKS.keySet());
            }
        }
        List<Double> baseMs = new ArrayList<>();
        List<Double> baseMem = new ArrayList<>();
        Map<String, List<double[]>> pairs = new LinkedHashMap<>();
        for (String name : names) {
            if (name.equals("base")) {
                continue;
            }
            for (int r = 0; r < rounds; r++) {
                System.err.println("bench: base, then " + name + " (round " + (r + 1) + " of " + rounds + ") ...");
                try {
                    JsonNode base = child("base", steps, warmup);
                    JsonNode t = child(name, steps, warmup);
                    baseMs.add(base.get("ms_per_step").asDouble());
                    baseMem.add(base.get("peak_resident_mib").asDouble());
                    pairs.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {t.get("ms_per_step").asDouble(),
                        t.get("peak_resident_mib").asDouble(), base.get("ms_per_step").asDouble(),
                        base.get("peak_resident_mib").asDouble()});
                } catch (IllegalStateException e) {
                    // a run that diverged costs its pair, not the table
                    System.err.println("bench: round " + (r + 1) + " of " + name + " dropped: " + e.getMessage());
                }
            }
        }
        System.out.printf(Locale.ROOT, "trick cost: batch 8 x 256 tokens, fp32, embedded all-MiniLM-L6-v2, 6-output head, "
                + "dropout 0.1; median of %d steps after %d warm-ups; peak resident memory of the whole process; "
                + "%d round(s), each trick paired with a base run right before it, ratios the median over pairs%n",
                steps, warmup, rounds);
        System.out.println("| trick | ms/step | x base | peak MiB | x base |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| base | %.0f | 1.00 | %.0f | 1.00 |%n", TrainingLoop.median(baseMs),
                TrainingLoop.median(baseMem));
        pairs.forEach((name, list) -> System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.0f | %.2f |%n", name,
                TrainingLoop.median(list.stream().map(p -> p[0]).toList()),
                TrainingLoop.median(list.stream().map(p -> p[0] / p[2]).toList()),
                TrainingLoop.median(list.stream().map(p -> p[1]).toList()),
                TrainingLoop.median(list.stream().map(p -> p[1] / p[3]).toList())));
    }

    private static JsonNode child(String name, int steps, int warmup) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", System.getProperty("java.class.path"),
                WorkerMain.class.getName(), "bench", "trick", name, "--steps", Integer.toString(steps),
                "--warmup", Integer.toString(warmup)));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String last = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    last = line;
                }
            }
            if (p.waitFor() != 0 || last == null) {
                throw new IllegalStateException("bench of " + name + " failed with exit code " + p.exitValue());
            }
            return Codec.json().readTree(last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The child: one trick's run through the real loop; prints one JSON line. */
    static void one(List<String> args) throws IOException {
        Options o = Options.parse(args, List.of("--steps", "--warmup"));
        String name = o.positional().get(0);
        int steps = o.intValue("--steps", 10);
        int warmup = o.intValue("--warmup", 3);
        Path dir = Files.createTempDirectory("sweep-bench");
        writeData(dir.resolve("train.csv"), 8 * (steps + warmup), 1);
        writeData(dir.resolve("valid.csv"), 8, 2);
        Files.writeString(dir.resolve("trial.yaml"), """
                task: {type: regression, train: train.csv, text: [text], targets: [a, b, c, d, e, f], max_length: 256,
                       validation: {file: valid.csv}}
                model: {source: embedded, pooling: mean, hidden_dropout: 0.1, attention_dropout: 0.1}
                training: {epochs: 1, batch_size: 8, lr: 2.0e-5, max_grad_norm: 0, max_steps: %d, log_every_steps: 1}
                tricks: %s
                output: out
                """.formatted(steps + warmup, TRICKS.get(name)));
        TrialConfig config = Codec.readYaml(dir.resolve("trial.yaml"), TrialConfig.class);
        List<Double> times = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        TrainingListener perStep = p -> {
            times.add(p.msPerStep());
            losses.add(p.loss());
        };
        var result = new TrialRunner(dir, perStep, List.of()).run(config);
        double ms = TrainingLoop.median(times.subList(Math.min(warmup, times.size()), times.size()));
        // every step's loss to the last bit: two runs of one trick agree on it unless memory went wrong
        long fingerprint = 17;
        for (double loss : losses) {
            fingerprint = 31 * fingerprint + Double.doubleToRawLongBits(loss);
        }
        System.out.printf(Locale.ROOT, "{\"trick\":\"%s\",\"ms_per_step\":%.1f,\"peak_resident_mib\":%.0f,\"steps\":%d,"
                + "\"skipped_steps\":%d,\"last_loss\":%s,\"loss_fingerprint\":\"%016x\"}%n",
                name, ms, MemoryProbe.peakResidentBytes() / 1048576.0, result.steps(), result.skippedSteps(),
                losses.isEmpty() ? "null" : Double.toString(losses.get(losses.size() - 1)), fingerprint);
    }

    private static void writeData(Path file, int rows, long seed) throws IOException {
        Random rng = new Random(seed);
        StringBuilder b = new StringBuilder("text,a,b,c,d,e,f\n");
        for (int i = 0; i < rows; i++) {
            for (int w = 0; w < 320; w++) {
                int len = 3 + rng.nextInt(6);
                for (int k = 0; k < len; k++) {
                    b.append((char) ('a' + rng.nextInt(26)));
                }
                b.append(' ');
            }
            for (int t = 0; t < 6; t++) {
                b.append(',').append(1 + rng.nextInt(9) * 0.5);
            }
            b.append('\n');
        }
        Files.writeString(file, b.toString());
    }
}
