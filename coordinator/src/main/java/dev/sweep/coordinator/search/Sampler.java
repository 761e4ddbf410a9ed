package dev.sweep.coordinator.search;

import java.util.List;
import java.util.Map;

/**
 * Proposes parameters (Optuna's ask; the tell is adding the finished trial to the list). A
 * sampler is a pure function of its seed, the space and the trials: the same inputs give the same
 * proposal, so a restarted coordinator asks again and gets the same answer. To get different
 * proposals for trials started together, pass each earlier one as a {@link TrialState#RUNNING} trial.
 */
public interface Sampler {
    /**
     * The next trial's parameters: a value for every parameter of {@code space} that is active
     * given the values before it, and nothing else ({@link SearchSpace#admits} holds).
     *
     * @param trials every trial so far, in any state, in the order they were started
     */
    Map<String, Object> ask(SearchSpace space, List<SearchTrial> trials);
}
