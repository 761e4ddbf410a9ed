package dev.sweep.coordinator.search;

/** Where a trial stands, as Optuna's states: running, finished with a value, stopped by a pruner, or failed. */
public enum TrialState {
    RUNNING,
    COMPLETE,
    PRUNED,
    FAILED
}
