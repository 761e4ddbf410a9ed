package dev.sweep.common.wire;

import static dev.sweep.common.trial.Checks.require;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * A worker's heartbeat on {@link Topics#WORKERS}, keyed by worker id: whether it is idle and which
 * trial partitions it owns. The coordinator hands the next trial to an idle worker by publishing
 * it to one of that worker's partitions, so no worker sits idle while trials wait in another
 * worker's partitions (a consumer group gives each partition to one member and never shares).
 */
public record WorkerStatus(int schemaVersion, String workerId, String device, State state, List<Integer> partitions,
        String trialId, long time) {
    public WorkerStatus {
        WireVersion.check(schemaVersion, "status of worker " + workerId);
        require(workerId != null && !workerId.isBlank(), "worker status: worker_id is required");
        require(state != null, "worker status: state is required");
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    /** What the worker is doing. */
    public enum State {
        IDLE,
        BUSY,
        STOPPED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
