package dev.sweep.coordinator.search;

/** A pruner's answer for a running trial: go on or stop now, and why, for the log and the report. */
public record PruneDecision(Action action, String reason) {
    /** Ray Tune's TrialScheduler words: CONTINUE training, or STOP (Optuna's pruned). */
    public enum Action {
        CONTINUE,
        STOP
    }

    public PruneDecision {
        if (action == null || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a decision needs an action and a reason, but got (action=" + action + ", reason=" + reason + ")");
        }
    }

    public static PruneDecision proceed(String reason) {
        return new PruneDecision(Action.CONTINUE, reason);
    }

    public static PruneDecision stop(String reason) {
        return new PruneDecision(Action.STOP, reason);
    }

    public boolean isStop() {
        return action == Action.STOP;
    }
}
