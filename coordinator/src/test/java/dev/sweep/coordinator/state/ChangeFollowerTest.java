package dev.sweep.coordinator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeFollowerTest {
    private static List<String> ids(ChangeFollower.Turn turn) {
        return turn.trials().stream().map(TrialView::trialId).toList();
    }

    @Test
    void everyTrialFirstThenWhatChangedAndEveryTrialAgainForAnotherState() {
        SweepState s = new SweepState("s");
        s.apply(SweepStateTest.queued("t1", "base", 1));
        s.apply(SweepStateTest.queued("t2", "fgm", 1));
        ChangeFollower f = new ChangeFollower();
        ChangeFollower.Turn first = f.next(s);
        assertTrue(first.fresh());
        assertEquals(List.of("t1", "t2"), ids(first));
        assertEquals(List.of(), ids(f.next(s)), "nothing changed");
        s.apply(SweepStateTest.started("t2", 1, "w1"));
        s.apply(SweepStateTest.queued("t3", "ema", 1));
        ChangeFollower.Turn later = f.next(s);
        assertFalse(later.fresh());
        assertEquals(List.of("t2", "t3"), ids(later), "the changed and the new, in the state's order");

        SweepState other = new SweepState("s");
        other.apply(SweepStateTest.queued("t9", "base", 1));
        ChangeFollower.Turn again = f.next(other);
        assertTrue(again.fresh(), "another state: start afresh");
        assertEquals(List.of("t9"), ids(again));
    }
}
