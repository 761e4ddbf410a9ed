package dev.sweep.coordinator.state;

import java.util.Collection;

/**
 * For a reader that keeps something per trial (gauges, the pruner's view of the trials) and is
 * handed a state at every turn: every trial the first time, and when handed another state (whose
 * reader then starts afresh); after that, only the trials that changed since the last turn.
 */
public final class ChangeFollower {
    private SweepState followed;
    private SweepState.Changes changes;

    /**
     * What to bring up to date.
     *
     * @param trials the trials to look at, in the order of {@link SweepState#trials()}
     * @param fresh whether these are every trial of a state not followed before: what was kept
     *     for the previous one no longer holds
     */
    public record Turn(Collection<TrialView> trials, boolean fresh) {}

    /** The trials of {@code state} to look at now. */
    public Turn next(SweepState state) {
        if (state != followed) {
            followed = state;
            changes = state.track();
            return new Turn(state.trials(), true);
        }
        return new Turn(changes.drain(), false);
    }
}
