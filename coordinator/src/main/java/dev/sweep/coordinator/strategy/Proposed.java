package dev.sweep.coordinator.strategy;

import dev.sweep.common.wire.Proposal;
import dev.sweep.common.wire.TrialSpec;

/**
 * A trial a strategy wants run: a plain value the coordinator's loop publishes.
 *
 * @param proposal for an adaptive strategy, its number and parameters, carried on the queued
 *     event so the log remembers them; null for planned trials
 */
public record Proposed(TrialSpec trial, Proposal proposal) {
    public Proposed {
        if (trial == null) {
            throw new IllegalArgumentException("a proposal needs its trial");
        }
    }

    public static Proposed planned(TrialSpec trial) {
        return new Proposed(trial, null);
    }

    /** The planned trials of {@code due} that the state does not know yet, each once, in order. */
    static java.util.List<Proposed> missing(java.util.List<TrialSpec> due, dev.sweep.coordinator.state.SweepState state) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.List<Proposed> out = new java.util.ArrayList<>();
        for (TrialSpec t : due) {
            if (!state.knows(t.trialId()) && seen.add(t.trialId())) {
                out.add(planned(t));
            }
        }
        return out;
    }
}
