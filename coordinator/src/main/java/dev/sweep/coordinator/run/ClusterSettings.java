package dev.sweep.coordinator.run;

import dev.sweep.coordinator.kafka.ReplicationRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link LocalCluster} starts, checked where it is made so that a wrong number is refused
 * before a broker or a worker starts.
 *
 * @param dataDir the embedded broker's folder ({@code kafka/}), the worker logs ({@code logs/}) and
 *     the Prometheus targets file ({@code prometheus/targets.json}) live here
 * @param bootstrap the cluster to use, or null for an embedded broker in {@code dataDir/kafka}
 * @param kafkaConfig a Kafka client properties file for every client and worker, or null
 *     (then {@code SWEEP_KAFKA_CONFIG} applies)
 * @param metricsHost the address every metrics endpoint binds to
 * @param metricsPort the coordinator's metrics port, each worker's on the next ones; 0 picks free ports
 * @param workers worker processes to start and supervise (0: none)
 * @param threads intra-op threads per worker (0: the engine's default)
 * @param workerJar the worker jar the processes run
 * @param workerJvmOptions JVM options of every worker process
 * @param replication the sweep topics' replication ({@code --replication}, {@code --min-insync}); null: what
 *     the cluster's live brokers allow
 */
public record ClusterSettings(Path dataDir, String bootstrap, String kafkaConfig, String metricsHost, int metricsPort,
        int workers, int threads, Path workerJar, List<String> workerJvmOptions, ReplicationRequest replication) {
    private static final int MAX_PORT = 65_535;

    public ClusterSettings {
        require(dataDir != null, "a cluster needs a data folder (--data-dir)");
        require(bootstrap == null || !bootstrap.isBlank(), "--bootstrap must be HOST:PORT, but got an empty value");
        require(metricsHost != null && !metricsHost.isBlank(), "--metrics-host must be a host name or address, but got '"
                + metricsHost + "'");
        require(metricsPort >= 0 && metricsPort <= MAX_PORT, "--metrics-port must be between 0 and " + MAX_PORT
                + ", but got " + metricsPort);
        require(workers >= 0, "--workers must be >= 0, but got " + workers);
        require(threads >= 0, "--threads must be >= 0, but got " + threads);
        // the workers' endpoints take the ports after the coordinator's
        require(metricsPort == 0 || metricsPort + workers <= MAX_PORT, "--metrics-port " + metricsPort + " leaves no "
                + "room for " + workers + " workers on the ports after it (the last is " + MAX_PORT + ")");
        require(workers == 0 || workerJar != null, "starting workers needs the worker jar");
        workerJvmOptions = workerJvmOptions == null ? List.of() : List.copyOf(workerJvmOptions);
        replication = replication == null ? ReplicationRequest.AUTO : replication;
    }

    /** Whether the broker is the embedded one, started and stopped with the cluster. */
    public boolean embedded() {
        return bootstrap == null;
    }

    private static void require(boolean rule, String message) {
        if (!rule) {
            throw new IllegalArgumentException(message);
        }
    }
}
