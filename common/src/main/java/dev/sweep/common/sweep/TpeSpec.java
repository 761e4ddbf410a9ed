package dev.sweep.common.sweep;

import static dev.sweep.common.trial.Checks.require;

/**
 * Settings of strategy {@code tpe} ({@code tpe:} in a spec), with Optuna's names and defaults.
 *
 * @param nStartupTrials proposals drawn at random before TPE models the results (default 10)
 * @param nEiCandidates candidates drawn from the good trials' density per proposal (default 24)
 */
public record TpeSpec(Integer nStartupTrials, Integer nEiCandidates) {
    public TpeSpec {
        nStartupTrials = nStartupTrials == null ? 10 : nStartupTrials;
        nEiCandidates = nEiCandidates == null ? 24 : nEiCandidates;
        require(nStartupTrials >= 0, "tpe.n_startup_trials must be >= 0, but got " + nStartupTrials);
        require(nEiCandidates >= 1, "tpe.n_ei_candidates must be >= 1, but got " + nEiCandidates);
    }

    public static TpeSpec defaults() {
        return new TpeSpec(null, null);
    }
}
