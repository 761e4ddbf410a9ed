package dev.sweep.common.wire;

import static dev.sweep.common.trial.Checks.require;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A request to every worker, published to {@link Topics#CONTROL} keyed by sweep id.
 *
 * @param trialId null for the whole sweep, else the one trial
 */
public record ControlMessage(int schemaVersion, Action action, String sweepId, String trialId, long time) {
    public ControlMessage {
        WireVersion.check(schemaVersion, "control message");
        require(action != null, "control message: action is required");
        require(sweepId != null && !sweepId.isBlank(), "control message: sweep_id is required");
        require(action != Action.PRUNE || trialId != null, "control message: prune needs the trial_id it stops");
    }

    public static ControlMessage cancel(String sweepId) {
        return new ControlMessage(WireVersion.CURRENT, Action.CANCEL, sweepId, null, System.currentTimeMillis());
    }

    /** The coordinator's word to the worker training {@code trialId} of {@code sweepId} that it was pruned. */
    public static ControlMessage prune(String sweepId, String trialId) {
        return new ControlMessage(WireVersion.CURRENT, Action.PRUNE, sweepId, trialId, System.currentTimeMillis());
    }

    public boolean covers(String sweep, String trial) {
        return sweepId.equals(sweep) && (trialId == null || trialId.equals(trial));
    }

    /** What the workers do. */
    public enum Action {
        /** Stop the sweep's running trials now and train none of its queued ones. */
        CANCEL,
        /** Stop this one trial at its next step: the coordinator's pruner wrote it off (it is already pruned in the log). */
        PRUNE;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
