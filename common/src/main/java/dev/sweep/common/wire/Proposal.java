package dev.sweep.common.wire;

import static dev.sweep.common.trial.Checks.require;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an adaptive strategy proposed for one trial, carried on its {@code queued} event: the
 * event log is the strategy's only memory, so a coordinator started again reads every proposal
 * back, never proposes a number twice, and rebuilds each trial exactly.
 *
 * @param number the proposal's place in the strategy's sequence, from 0; unique in a sweep
 * @param params the parameters exactly as the strategy drew them ({@code training.lr -> 3.1e-05},
 *     {@code tricks.llrd -> true}); only the active ones
 */
public record Proposal(int number, Map<String, Object> params) {
    public Proposal {
        require(number >= 0, "proposal: number must be >= 0, but got " + number);
        require(params != null, "proposal " + number + ": params are required");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
