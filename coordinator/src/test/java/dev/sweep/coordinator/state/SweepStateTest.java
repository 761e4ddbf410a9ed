package dev.sweep.coordinator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SweepStateTest {
    static TrialEvent.Queued queued(String id, String config, int attempt) {
        return new TrialEvent.Queued(1, "s", id, attempt, 0, TrialKind.TRAIN, config, Map.of(), 1, null, List.of(), 2, null);
    }

    static TrialEvent.Started started(String id, int attempt, String worker) {
        return new TrialEvent.Started(1, "s", id, attempt, 0, worker, "cpu");
    }

    static TrialEvent.Progress progress(String id, int attempt, String worker, int step) {
        return new TrialEvent.Progress(1, "s", id, attempt, 0, worker, 1, step, 10, 0.5, 1e-5, 10, 100);
    }

    static TrialEvent.Completed completed(String id, int attempt, String worker, double accuracy) {
        TrialResult r = new TrialResult("accuracy", true, new TreeMap<>(Map.of("accuracy", accuracy)), 10,
                new TreeMap<>(Map.of("accuracy", accuracy)), List.of(EvalPoint.of(1, 10, 0.3, Map.of("accuracy", accuracy))),
                10, 0, 5, 10, 100, 1, 2L << 30, "/out");
        return new TrialEvent.Completed(1, "s", id, attempt, 0, worker, r);
    }

    static TrialEvent.Failed failed(String id, int attempt, boolean retryable) {
        return new TrialEvent.Failed(1, "s", id, attempt, 0, "w1", "boom", retryable);
    }

    @Test
    void aTrialMovesFromQueuedToCompletedAndASecondResultIsOnlyCounted() {
        SweepState s = new SweepState("s");
        s.apply(queued("t1", "base", 1));
        assertEquals(TrialState.QUEUED, s.trial("t1").state());
        s.apply(started("t1", 1, "w1"));
        s.apply(progress("t1", 1, "w1", 3));
        assertEquals(3, s.trial("t1").progress().step());
        s.apply(completed("t1", 1, "w1", 0.8));
        s.apply(completed("t1", 1, "w2", 0.9)); // a duplicate delivery that trained again
        TrialView t = s.trial("t1");
        assertEquals(TrialState.COMPLETED, t.state());
        assertEquals(0.8, t.result().bestPrimary(), "the first result stands");
        assertEquals(1, t.duplicateResults());
        assertTrue(s.allFinished());
    }

    /**
     * The coordinator writes a trial's queued event only once the broker has acknowledged the
     * trial, so a fast worker's events can come first in the log: they wait for the queued event
     * and the trial ends as if the log had been in order.
     */
    @Test
    void eventsThatLandBeforeTheTrialsQueuedEventAreFoldedInWhenItComes() {
        TrialEvent queued = queued("t1", "base", 1);
        List<TrialEvent> worker = List.of(started("t1", 1, "w1"), completed("t1", 1, "w1", 0.8));
        SweepState inOrder = new SweepState("s");
        inOrder.apply(queued);
        worker.forEach(inOrder::apply);

        SweepState raced = new SweepState("s");
        SweepState.Changes changes = raced.track();
        for (TrialEvent e : worker) {
            assertFalse(raced.apply(e), "nothing to show before the queued event: " + e);
        }
        assertFalse(raced.knows("t1"));
        assertEquals(1, raced.awaitingQueued());
        assertTrue(changes.drain().isEmpty());

        assertTrue(raced.apply(queued));
        assertEquals(inOrder.trial("t1"), raced.trial("t1"));
        assertEquals(TrialState.COMPLETED, raced.trial("t1").state());
        assertEquals(1, raced.count(TrialState.COMPLETED));
        assertEquals(0, raced.count(TrialState.QUEUED));
        assertEquals(0, raced.awaitingQueued());
        assertEquals(List.of("t1"), changes.drain().stream().map(TrialView::trialId).toList());
        assertFalse(raced.apply(queued), "the queued event read again changes nothing");
    }

    @Test
    void aRedeliveryToAnotherWorkerSupersedesTheDeadWorkersEvents() {
        SweepState s = new SweepState("s");
        s.apply(queued("t1", "base", 1));
        s.apply(started("t1", 1, "w1"));
        s.apply(progress("t1", 1, "w1", 5));
        s.apply(started("t1", 1, "w2")); // w1 was killed; the partition went to w2
        assertEquals("w2", s.trial("t1").worker());
        assertNull(s.trial("t1").progress(), "progress restarts with the new delivery");
        s.apply(progress("t1", 1, "w1", 6)); // late event of the dead worker
        assertNull(s.trial("t1").progress());
        assertEquals(2, s.trial("t1").superseded());
        s.apply(progress("t1", 1, "w2", 1));
        assertEquals(1, s.trial("t1").progress().step());
    }

    @Test
    void retryableFailuresAreRetriedUntilAttemptsRunOutThenTheTrialIsDead() {
        SweepState s = new SweepState("s");
        s.apply(queued("t1", "base", 1));
        s.apply(started("t1", 1, "w1"));
        s.apply(failed("t1", 1, true));
        assertEquals(TrialState.FAILED, s.trial("t1").state());
        assertTrue(s.trial("t1").wantsRetry());
        assertFalse(s.allFinished());
        s.apply(queued("t1", "base", 2));
        assertEquals(TrialState.QUEUED, s.trial("t1").state());
        s.apply(progress("t1", 1, "w1", 9)); // a stale event of attempt 1
        assertEquals(1, s.trial("t1").superseded());
        s.apply(started("t1", 2, "w2"));
        s.apply(failed("t1", 2, true));
        assertEquals(TrialState.DEAD, s.trial("t1").state(), "max_attempts is 2");
        assertFalse(s.trial("t1").wantsRetry());
        assertTrue(s.allFinished());
    }

    @Test
    void anErrorThatWouldRepeatIsDeadAtOnceAndOtherSweepsAreIgnored() {
        SweepState s = new SweepState("s");
        s.apply(queued("t1", "base", 1));
        s.apply(failed("t1", 1, false));
        assertEquals(TrialState.DEAD, s.trial("t1").state());
        TrialEvent.Queued other = new TrialEvent.Queued(1, "other", "o1", 1, 0, TrialKind.TRAIN, "base", Map.of(), 1,
                null, List.of(), 2, null);
        assertFalse(s.apply(other));
        assertEquals(1, s.trials().size());
    }

    @Test
    void replayingTheLogTwiceGivesTheSameState() {
        List<TrialEvent> log = List.of(queued("t1", "base", 1), queued("t2", "fgm", 1), started("t1", 1, "w1"),
                completed("t1", 1, "w1", 0.7), started("t2", 1, "w2"), failed("t2", 1, true), queued("t2", "fgm", 2),
                started("t2", 2, "w1"), completed("t2", 2, "w1", 0.75));
        SweepState once = new SweepState("s");
        log.forEach(once::apply);
        SweepState again = new SweepState("s");
        log.forEach(again::apply);
        log.forEach(again::apply); // a restarted coordinator that read everything twice
        assertEquals(once.trial("t2").state(), again.trial("t2").state());
        assertEquals(once.trial("t2").result(), again.trial("t2").result());
        assertEquals(0, once.trial("t2").duplicateResults());
    }

    @Test
    void theReportSettingsComeFromTheQueuedEventsAndAnOldLogHasNone() {
        SweepState old = new SweepState("s");
        old.apply(queued("t1", "base", 1));
        assertNull(old.reportPlan());
        SweepState s = new SweepState("s");
        ReportPlan plan = new ReportPlan("base", Checkpoint.BEST, 4);
        s.apply(new TrialEvent.Queued(1, "s", "t1", 1, 0, TrialKind.TRAIN, "base", Map.of(), 1, 0, List.of(), 2, "p",
                plan));
        s.apply(queued("t2", "base", 1)); // a retry queued by an older coordinator says nothing of the report
        assertEquals(plan, s.reportPlan());
    }
}
