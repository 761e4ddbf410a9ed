package dev.sweep.coordinator.run;

import dev.sweep.common.metrics.MetricsServer;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.coordinator.kafka.EmbeddedBroker;
import dev.sweep.coordinator.kafka.Replication;
import dev.sweep.coordinator.kafka.TopicSetup;
import dev.sweep.coordinator.metrics.PrometheusTargets;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Everything {@code sweep run} starts around the sweep loop: the embedded broker (none with a
 * {@code --bootstrap}), the topics, the coordinator's metrics endpoint, the worker processes with
 * their metrics ports and their supervision, and the Prometheus targets file. Started in that
 * order and stopped in the reverse one by {@link #close()}; a start that fails half-way stops
 * what it had started.
 */
public final class LocalCluster implements AutoCloseable {
    private final KafkaSettings kafka;
    private final MetricsServer metrics;
    private final WorkerProcesses workers;
    private final Teardown teardown;
    private final Consumer<String> say;

    private LocalCluster(KafkaSettings kafka, MetricsServer metrics, WorkerProcesses workers, Teardown teardown,
            Consumer<String> say) {
        this.kafka = kafka;
        this.metrics = metrics;
        this.workers = workers;
        this.teardown = teardown;
        this.say = say;
    }

    /**
     * @param say where the cluster tells the user what it started and what it did (one line each)
     * @throws dev.sweep.coordinator.kafka.KafkaUnreachableException when the cluster does not answer
     */
    public static LocalCluster start(ClusterSettings s, Consumer<String> say) {
        Teardown teardown = new Teardown();
        try {
            String bootstrap = s.bootstrap();
            if (s.embedded()) {
                Path dir = s.dataDir().resolve("kafka");
                say.accept("starting the embedded Kafka broker in " + dir);
                EmbeddedBroker broker = EmbeddedBroker.start(dir);
                teardown.add("the embedded Kafka broker", broker);
                bootstrap = broker.bootstrap();
            }
            KafkaSettings kafka = KafkaSettings.of(bootstrap, s.kafkaConfig());
            Replication replication = TopicSetup.ensure(kafka, s.replication());
            say.accept("sweep topics on " + bootstrap + ": " + replication);
            MetricsServer metrics = MetricsServer.start(s.metricsHost(), s.metricsPort());
            teardown.add("the metrics server", metrics);
            List<Integer> workerPorts = workerPorts(s);
            WorkerProcesses workers = null;
            if (s.workers() > 0) {
                Path logs = s.dataDir().resolve("logs");
                workers = WorkerProcesses.start(s.workerJar(), bootstrap, s.workers(), s.threads(), logs,
                        s.workerJvmOptions(), workerPorts, s.kafkaConfig() == null ? List.of()
                                : List.of("--kafka-config", Path.of(s.kafkaConfig()).toAbsolutePath().toString()));
                teardown.add("the worker processes", workers);
                say.accept(s.workers() + " workers started; their logs: " + logs);
            }
            Path targets = PrometheusTargets.write(s.dataDir().resolve("prometheus/targets.json"), s.metricsHost(),
                    metrics.port(), workerPorts);
            say.accept("metrics at " + metrics.url() + (workerPorts.isEmpty() ? ""
                    : " and, per worker, ports " + workerPorts) + " (Prometheus file_sd targets: " + targets + ")");
            return new LocalCluster(kafka, metrics, workers, teardown, say);
        } catch (RuntimeException e) {
            teardown.stopAfter(e);
            throw e;
        }
    }

    /** Each worker's metrics port: the ones after the coordinator's, or free ones when that is picked freely. */
    private static List<Integer> workerPorts(ClusterSettings s) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 1; i <= s.workers(); i++) {
            ports.add(s.metricsPort() == 0 ? Ports.free() : s.metricsPort() + i);
        }
        return ports;
    }

    /** How to reach the cluster's Kafka. */
    public KafkaSettings kafka() {
        return kafka;
    }

    /** The registry the coordinator's metrics endpoint serves. */
    public MeterRegistry metricsRegistry() {
        return metrics.registry();
    }

    /**
     * Starts again every worker process that has exited, and says so: its trial is delivered
     * again to a worker. Called from the sweep loop after every poll.
     */
    public void superviseWorkers() {
        if (workers != null) {
            workers.restartExited().forEach(w -> say.accept("worker " + w
                    + " died; started a new one (its trial is delivered again)"));
        }
    }

    /** Keeps the metrics endpoints (and workers) up after the end, for a scrape or a look, unless stopped. */
    public void hold(int seconds, BooleanSupplier stop) {
        if (seconds <= 0) {
            return;
        }
        say.accept("holding the metrics endpoints for " + seconds + " s (--hold)");
        long until = System.currentTimeMillis() + seconds * 1000L;
        while (!stop.getAsBoolean() && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops the workers (SIGTERM, then SIGKILL after a grace period), the metrics endpoint and the
     * embedded broker, in that order.
     *
     * @throws ClusterStopException naming the parts that did not stop, after every part was tried
     */
    @Override
    public void close() {
        teardown.stopAll();
    }
}
