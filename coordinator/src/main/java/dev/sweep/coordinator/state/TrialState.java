package dev.sweep.coordinator.state;

/** Where a trial is. */
public enum TrialState {
    QUEUED,
    RUNNING,
    COMPLETED,
    /** An attempt failed and another may follow. */
    FAILED,
    /** Failed for good: attempts used up, or an error another attempt would repeat. */
    DEAD,
    CANCELLED,
    /** Stopped by the coordinator's pruner on its intermediate results: finished, not failed, not retried. */
    PRUNED;

    public boolean finished() {
        return this == COMPLETED || this == DEAD || this == CANCELLED || this == PRUNED;
    }
}
