package dev.sweep.coordinator.metrics;

import dev.sweep.common.codec.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the endpoints of a run as a Prometheus {@code file_sd} targets file, so a Prometheus
 * that watches it (dashboards/prometheus.yml) scrapes the coordinator and every worker whatever
 * ports they got.
 */
public final class PrometheusTargets {
    private PrometheusTargets() {}

    public static Path write(Path file, String host, int coordinatorPort, List<Integer> workerPorts) {
        List<Map<String, Object>> groups = new ArrayList<>();
        groups.add(Map.of("targets", List.of(host + ":" + coordinatorPort), "labels", Map.of("job", "sweep-coordinator")));
        if (!workerPorts.isEmpty()) {
            groups.add(Map.of("targets", workerPorts.stream().map(p -> host + ":" + p).toList(),
                    "labels", Map.of("job", "sweep-worker")));
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Codec.toJson(groups));
            // Prometheus re-reads the file on change: replace it whole, never half-written
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the Prometheus targets: " + e.getMessage(), e);
        }
    }
}
