package dev.sweep.coordinator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks docker-compose.yml, the Prometheus configs and the Grafana dashboards without a Docker
 * daemon: every service is there with a healthcheck, start order waits on health, the GPU
 * worker reserves a GPU, every mounted or built path exists, Prometheus scrapes the ports the
 * processes serve, and every dashboard query names only metrics this code publishes.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theComposeFileHasEveryServiceHealthcheckedAndOrderedByHealth() throws Exception {
        JsonNode services = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).get("services");
        Set<String> names = new TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertEquals(Set.of("kafka", "prometheus", "grafana", "coordinator", "worker", "worker-cpu"), names);
        for (String name : names) {
            JsonNode s = services.get(name);
            assertTrue(s.has("healthcheck") && s.get("healthcheck").has("test"), name + " has a healthcheck");
            JsonNode deps = s.get("depends_on");
            if (deps != null) {
                deps.fields().forEachRemaining(d -> {
                    assertTrue(names.contains(d.getKey()), name + " depends on a service that exists: " + d.getKey());
                    assertEquals("service_healthy", d.getValue().get("condition").asText(), name + " waits for health");
                });
            }
            for (JsonNode volume : s.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith("./")) {
                    assertTrue(Files.exists(ROOT.resolve(source)), name + " mounts " + source + ", which exists");
                }
            }
            if (s.has("build")) {
                assertTrue(Files.exists(ROOT.resolve(s.get("build").get("dockerfile").asText())), name + " Dockerfile");
            }
        }
        JsonNode gpu = services.get("worker").get("deploy").get("resources").get("reservations").get("devices").get(0);
        assertEquals("nvidia", gpu.get("driver").asText());
        assertEquals("gpu", gpu.get("capabilities").get(0).asText());
        assertTrue(services.get("worker").get("command").toString().contains("gpu:0"));
        assertTrue(services.get("coordinator").get("command").toString().contains("\"kafka:9092\""));
    }

    /**
     * The repository is mounted read-only at /work: what a container writes must be elsewhere
     * (the coordinator's data folder, its Prometheus targets file) or on a mount whose mount
     * point the repository holds (runs/, which a fresh clone must have), and a build target a
     * service names must be a stage of its Dockerfile. Each of these once failed a real run of
     * the images (docs/deployment.md).
     */
    @Test
    void whatTheContainersWriteIsNotInTheReadOnlyRepository() throws Exception {
        JsonNode services = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).get("services");
        List<String> command = new ArrayList<>();
        services.get("coordinator").get("command").forEach(c -> command.add(c.asText()));
        int dataDir = command.indexOf("--data-dir");
        assertTrue(dataDir >= 0 && !command.get(dataDir + 1).startsWith("/work"), "coordinator --data-dir: " + command);
        for (String name : List.of("coordinator", "worker-cpu", "worker")) {
            JsonNode s = services.get(name);
            boolean repoReadOnly = false;
            for (JsonNode volume : s.path("volumes")) {
                repoReadOnly |= volume.asText().equals("./:/work:ro");
            }
            assertTrue(repoReadOnly, name + " mounts the repository read-only at /work");
            for (JsonNode volume : s.path("volumes")) {
                String[] parts = volume.asText().split(":");
                if (parts[1].startsWith("/work/")) {
                    Path mountPoint = ROOT.resolve(parts[1].substring("/work/".length()));
                    // kept in git by a .gitkeep, so that a fresh clone has it too
                    assertTrue(Files.exists(mountPoint.resolve(".gitkeep")), name + ": the mount point " + mountPoint
                            + " is in the repository");
                }
            }
            if (s.get("build").has("target")) {
                String target = s.get("build").get("target").asText();
                String dockerfile = Files.readString(ROOT.resolve(s.get("build").get("dockerfile").asText()));
                assertTrue(Pattern.compile("(?m)^FROM \\S+ AS " + Pattern.quote(target) + "$").matcher(dockerfile).find(),
                        name + ": target " + target + " is a stage of its Dockerfile");
            }
        }
    }

    @Test
    void prometheusScrapesThePortsTheProcessesServe() throws Exception {
        JsonNode compose = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).get("services");
        String prom = Files.readString(ROOT.resolve("dashboards/prometheus/prometheus.yml"));
        assertTrue(compose.get("coordinator").get("command").toString().contains("\"--metrics-port\",\"9400\""));
        assertTrue(compose.get("worker-cpu").get("command").toString().contains("\"--metrics-port\",\"9401\""));
        assertTrue(prom.contains("coordinator:9400") && prom.contains("port: 9401"), prom);
        String local = Files.readString(ROOT.resolve("dashboards/prometheus/prometheus-local.yml"));
        assertTrue(local.contains(".sweep/prometheus/targets.json"), local);
    }

    @Test
    void everyDashboardQueryUsesOnlyMetricsThisCodePublishes() throws Exception {
        Set<String> known = Set.of("sweep_trials", "sweep_trial_metric", "sweep_epoch_metric", "sweep_best_metric",
                "sweep_trial_step_ms", "sweep_trial_peak_bytes", "sweep_event_lag_seconds",
                "sweep_config_improvement", "sweep_config_improvement_low", "sweep_config_improvement_high",
                "sweep_config_pairs", "sweep_config_verdict",
                "sweep_worker_step_seconds_bucket", "sweep_worker_samples_per_second", "sweep_worker_train_loss",
                "sweep_worker_learning_rate", "sweep_worker_resident_bytes", "sweep_worker_gpu_memory_bytes",
                "sweep_worker_trials_total", "sweep_worker_busy", "jvm_memory_used_bytes",
                "kafka_consumer_fetch_manager_records_lag_max", "kafka_consumer_fetch_manager_records_consumed_total");
        Pattern metric = Pattern.compile("\\b(sweep_[a-z_]+|jvm_[a-z_]+|kafka_[a-z_]+)\\b");
        List<String> queries = new ArrayList<>();
        try (var files = Files.list(ROOT.resolve("dashboards/grafana/dashboards"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode board = new ObjectMapper().readTree(f.toFile());
                assertTrue(board.has("uid") && board.has("title") && board.get("panels").size() >= 6, f + " is a dashboard");
                for (JsonNode panel : board.get("panels")) {
                    assertEquals("prometheus", panel.get("datasource").get("uid").asText(), "datasource of " + panel.get("title"));
                    for (JsonNode t : panel.get("targets")) {
                        String expr = t.get("expr").asText();
                        queries.add(expr);
                        Matcher m = metric.matcher(expr);
                        while (m.find()) {
                            assertTrue(known.contains(m.group(1)), f.getFileName() + " / " + panel.get("title").asText()
                                    + " uses unknown metric " + m.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(queries.size() >= 20, "queries: " + queries.size());
        String provisioning = Files.readString(ROOT.resolve("dashboards/grafana/provisioning/datasources/prometheus.yml"));
        assertTrue(provisioning.contains("uid: prometheus"), "the dashboards' datasource uid is provisioned");
    }
}
