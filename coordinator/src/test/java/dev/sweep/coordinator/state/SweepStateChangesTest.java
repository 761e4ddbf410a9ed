package dev.sweep.coordinator.state;

import static dev.sweep.coordinator.state.SweepStateTest.completed;
import static dev.sweep.coordinator.state.SweepStateTest.failed;
import static dev.sweep.coordinator.state.SweepStateTest.progress;
import static dev.sweep.coordinator.state.SweepStateTest.queued;
import static dev.sweep.coordinator.state.SweepStateTest.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepStateChangesTest {
    private static List<String> ids(List<TrialView> views) {
        return views.stream().map(TrialView::trialId).toList();
    }

    @Test
    void aTrackerIsToldEachChangedTrialOnceInQueueOrder() {
        SweepState s = new SweepState("s");
        SweepState.Changes changes = s.track();
        s.apply(queued("a", "base", 1));
        s.apply(queued("b", "base", 1));
        s.apply(queued("c", "base", 1));
        assertEquals(List.of("a", "b", "c"), ids(changes.drain()));
        assertTrue(changes.drain().isEmpty(), "nothing changed since");

        s.apply(started("c", 1, "w1"));
        s.apply(progress("c", 1, "w1", 1));
        s.apply(started("a", 1, "w2"));
        List<TrialView> changed = changes.drain();
        assertEquals(List.of("a", "c"), ids(changed), "in the order of the queue, not of the changes, each once");
        assertEquals(TrialState.RUNNING, changed.get(1).state(), "the latest view");
        assertEquals(1, changed.get(1).progress().step());
    }

    @Test
    void anEventThatChangesNothingIsNotAChange() {
        SweepState s = new SweepState("s");
        s.apply(queued("a", "base", 1));
        SweepState.Changes changes = s.track();
        s.apply(started("unknown", 1, "w1")); // a trial the log never announced
        s.apply(queued("a", "base", 1)); // the same queued event again
        assertTrue(changes.drain().isEmpty());
    }

    @Test
    void trackersAreIndependent() {
        SweepState s = new SweepState("s");
        SweepState.Changes first = s.track();
        s.apply(queued("a", "base", 1));
        SweepState.Changes second = s.track();
        s.apply(queued("b", "base", 1));
        assertEquals(List.of("a", "b"), ids(first.drain()));
        assertEquals(List.of("b"), ids(second.drain()), "only what changed after it started");
    }

    @Test
    void countsFollowEveryTransition() {
        SweepState s = new SweepState("s");
        s.apply(queued("a", "base", 1));
        s.apply(queued("b", "base", 1));
        s.apply(started("a", 1, "w1"));
        assertEquals(1, s.count(TrialState.QUEUED));
        assertEquals(1, s.count(TrialState.RUNNING));
        s.apply(completed("a", 1, "w1", 0.9));
        s.apply(completed("a", 1, "w1", 0.9)); // a duplicate result: still one completed trial
        s.apply(started("b", 1, "w2"));
        s.apply(failed("b", 1, true));
        assertEquals(0, s.count(TrialState.QUEUED));
        assertEquals(0, s.count(TrialState.RUNNING));
        assertEquals(1, s.count(TrialState.COMPLETED));
        assertEquals(1, s.count(TrialState.FAILED));
        s.apply(queued("b", "base", 2));
        assertEquals(1, s.count(TrialState.QUEUED));
        assertEquals(0, s.count(TrialState.FAILED));
        for (TrialState state : TrialState.values()) {
            assertEquals(s.trials().stream().filter(t -> t.state() == state).count(), s.count(state), state.name());
        }
    }
}
