package dev.sweep.coordinator.run;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.common.wire.TrialSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Checks a plan before anything is published: one configuration of each kind goes through the
 * worker's own {@code check} (weights, tokenizer, data, model, tricks, up to the first step), in
 * a child JVM, as the coordinator never links the engine. A missing column, a NaN target, a
 * corrupt safetensors file or a trick setting the model cannot take is refused here, in one
 * line, instead of failing on a worker after the sweep has started.
 */
public final class Preflight {
    private Preflight() {}

    /** @throws IllegalArgumentException with the engine's one-line reason */
    public static void check(Path workerJar, List<TrialSpec> trials, Path workDir, List<String> jvmOptions) {
        Map<String, TrialSpec> byConfig = new LinkedHashMap<>();
        for (TrialSpec t : trials) {
            if (t.kind() == TrialKind.TRAIN) {
                byConfig.putIfAbsent(t.configName(), t); // seeds and folds share everything but the split
            }
        }
        try {
            Files.createDirectories(workDir);
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-jar", workerJar.toString(), "check"));
            int i = 0;
            for (Map.Entry<String, TrialSpec> e : byConfig.entrySet()) {
                Path file = workDir.resolve(String.format("%02d-%s.yaml", i++, e.getKey().replaceAll("[^A-Za-z0-9_.+=-]", "_")));
                Files.writeString(file, Codec.toYaml(e.getValue().config()));
                cmd.add(file.toString());
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("preflight: the worker's check did not finish in 10 minutes");
            }
            if (p.exitValue() != 0) {
                String reason = out.lines().filter(l -> l.startsWith("error: ")).reduce((a, b) -> b)
                        .map(l -> l.substring("error: ".length()))
                        .orElse("the worker's check exited with " + p.exitValue() + ": " + out.strip());
                throw new IllegalArgumentException("preflight refused the plan, nothing was published: " + reason);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("preflight: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("preflight interrupted", e);
        }
    }
}
