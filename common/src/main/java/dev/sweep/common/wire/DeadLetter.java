package dev.sweep.common.wire;

import static dev.sweep.common.trial.Checks.require;

/** A trial that failed for good, published to {@link Topics#DEAD} keyed by trial id. */
public record DeadLetter(int schemaVersion, String sweepId, String trialId, String configName, int attempts,
        String error, long time) {
    public DeadLetter {
        WireVersion.check(schemaVersion, "dead letter of trial " + trialId);
        require(sweepId != null && trialId != null, "dead letter: sweep_id and trial_id are required");
    }
}
