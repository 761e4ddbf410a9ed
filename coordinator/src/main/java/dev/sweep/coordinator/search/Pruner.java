package dev.sweep.coordinator.search;

import java.util.List;

/**
 * Decides, right after a running trial reported an intermediate value, whether it goes on.
 * Stateless: the decision is a function of the trials' intermediate values, so call it after every
 * report (Optuna's {@code trial.report} then {@code trial.should_prune}) to get Optuna's decisions.
 */
public interface Pruner {
    /**
     * @param trial the running trial, with the value it just reported at its last step
     * @param trials every trial of the study (the one deciding may be among them; it is recognised by number)
     */
    PruneDecision decide(SearchTrial trial, List<SearchTrial> trials);
}
