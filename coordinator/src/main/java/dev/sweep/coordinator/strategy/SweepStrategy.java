package dev.sweep.coordinator.strategy;

import dev.sweep.common.wire.TrialSpec;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialView;
import java.util.List;

/**
 * Chooses a sweep's trials (Optuna's sampler, Ray Tune's {@code Searcher}). It asks and is told
 * through the same value: the sweep's state, folded from the event log, holds every trial
 * proposed so far and every result. A strategy keeps no memory of its own, so a coordinator
 * started again on the log proposes exactly what is still missing, and no strategy touches Kafka:
 * the coordinator's loop publishes what it proposes.
 *
 * <p>A new strategy is one class and an entry in {@link Strategies}.
 */
public interface SweepStrategy {
    /**
     * The trials to add now; none that the state already knows.
     *
     * @param room how many trials the workers could start now: an adaptive strategy proposes no
     *     more (the later ones then see the results of the earlier); a planned one ignores it.
     *     After its first answer the coordinator asks only when room is above 0
     */
    List<Proposed> propose(SweepState state, int room);

    /**
     * A trial of the state as this strategy made it (for a retry), or null when it is not one of
     * this strategy's (a trial of another plan of the same sweep).
     */
    TrialSpec trial(TrialView view);

    /** Whether the strategy will propose nothing more, whatever results still come. */
    boolean exhausted(SweepState state);
}
