package dev.sweep.coordinator.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.search.PruneDecision;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec's pruner over the sweep's state: rungs at evaluation numbers, the task's direction,
 * and a pruned trial's fate in the state. ASHA and median stopping themselves are checked
 * against Optuna's decisions in search/PrunerAgreementTest.
 */
class TrialPruningTest {
    @TempDir
    Path dir;

    /**
     * A grid of {@code rates} learning rates (1e-5, 2e-5, ...) on a classification task (accuracy,
     * higher is better) or a regression one (MCRMSE, lower is better), with the pruner {@code prune}.
     */
    private SweepSpec spec(String task, int rates, String prune) throws Exception {
        String target = task.equals("regression") ? "a" : "label";
        String lrs = java.util.stream.IntStream.rangeClosed(1, rates).mapToObj(i -> i + ".0e-5")
                .collect(java.util.stream.Collectors.joining(", "));
        return SimulatedLog.spec(dir, "name: p\ntask: {type: " + task + ", train: d.csv, text: [text], targets: ["
                + target + "]}\nstrategy: grid\nspace: {training.lr: [" + lrs + "]}\nprune: " + prune + "\n");
    }

    private List<TrialSpec> trials(SweepSpec spec) {
        return new SweepPlanner(spec, dir).trials();
    }

    @Test
    void ashaStopsATrialOutsideTheTopThirdAtItsFirstRungAndKeepsTheBest() throws Exception {
        SweepSpec spec = spec("regression", 4, "{method: asha, min_resource: 1, reduction_factor: 3}");
        TrialPruning pruning = TrialPruning.of(spec);
        SimulatedLog log = new SimulatedLog("p", "mcrmse", false);
        List<TrialSpec> t = trials(spec);
        // three trials finished (their first evaluation: 0.50, 0.60, 0.70); MCRMSE: lower is better
        double[] first = {0.50, 0.60, 0.70};
        for (int i = 0; i < 3; i++) {
            log.queue(Proposed.planned(t.get(i)));
            log.start(t.get(i));
            log.evaluate(t.get(i), 1, first[i]);
            log.complete(t.get(i), first[i]);
        }
        log.queue(Proposed.planned(t.get(3)));
        log.start(t.get(3));
        log.evaluate(t.get(3), 1, 0.55);
        SweepState state = log.replay();
        PruneDecision d = pruning.judge(state, state.trial(t.get(3).trialId()));
        // rung 0 at evaluation 1 holds 0.50, 0.60, 0.70, 0.55: the top 1/3 of 4 is the best one only (4 // 3 = 1)
        assertTrue(d.isStop(), d.reason());
        assertTrue(d.reason().contains("rung 0"), d.reason());

        SimulatedLog better = new SimulatedLog("p", "mcrmse", false);
        better.events.addAll(log.events.subList(0, log.events.size() - 1));
        better.evaluate(t.get(3), 1, 0.45);
        SweepState s2 = better.replay();
        assertFalse(pruning.judge(s2, s2.trial(t.get(3).trialId())).isStop(), "the best at the rung goes on");
    }

    /**
     * The coordinator keeps one TrialPruning for its one state, which keeps the pruner's view of
     * the trials up to date from the state's changes; judged that way, as evaluations and stops
     * come in, every answer is the one a pruning built afresh on the same state gives.
     */
    @Test
    void judgingALiveStateAsItChangesGivesTheAnswersOfAFreshLookEachTime() throws Exception {
        SweepSpec spec = spec("classification", 8, "{method: asha, min_resource: 1, reduction_factor: 2}");
        List<TrialSpec> t = trials(spec);
        TrialPruning live = TrialPruning.of(spec);
        SweepState state = new SweepState("p");
        SimulatedLog events = new SimulatedLog("p", "accuracy", true);
        java.util.Random values = new java.util.Random(7);
        int stops = 0;
        int judged = 0;
        // trials start two at a time and report three evaluations each, interleaved with the next pair's
        for (int round = 0; round < t.size() / 2 + 3; round++) {
            for (int k = 0; k < 2; k++) {
                int started = round * 2 + k;
                if (started < t.size()) {
                    events.queue(Proposed.planned(t.get(started)));
                    events.start(t.get(started));
                }
                for (int i = 0; i < Math.min(started, t.size()); i++) {
                    int evaluation = (started - i) / 2;
                    if (evaluation < 1 || evaluation > 3) {
                        continue;
                    }
                    events.evaluate(t.get(i), evaluation, 0.7 + 0.2 * values.nextDouble());
                }
            }
            for (TrialEvent e : events.events) {
                state.apply(e);
            }
            events.events.clear();
            for (TrialSpec trial : t) {
                var v = state.trial(trial.trialId());
                if (v == null || v.state() != TrialState.RUNNING || v.history().isEmpty()) {
                    continue;
                }
                PruneDecision d = live.judge(state, v);
                assertEquals(TrialPruning.of(spec).judge(state, v).reason(), d.reason(), trial.trialId());
                judged++;
                if (d.isStop()) {
                    state.apply(new TrialEvent.Pruned(1, "p", v.trialId(), 1, 9, "coordinator", d.reason()));
                    stops++;
                }
            }
        }
        assertTrue(judged > 20 && stops > 0 && stops < t.size(), judged + " judged, " + stops + " stopped");
    }

    @Test
    void medianStoppingFollowsTheTasksDirection() throws Exception {
        SweepSpec spec = spec("classification", 3, "{method: median, startup_trials: 2}");
        TrialPruning pruning = TrialPruning.of(spec);
        List<TrialSpec> t = trials(spec);
        SimulatedLog log = new SimulatedLog("p", "accuracy", true);
        for (int i = 0; i < 2; i++) {
            log.queue(Proposed.planned(t.get(i)));
            log.start(t.get(i));
            log.evaluate(t.get(i), 1, 0.8 + 0.05 * i);
            log.complete(t.get(i), 0.8 + 0.05 * i);
        }
        log.queue(Proposed.planned(t.get(2)));
        log.start(t.get(2));
        log.evaluate(t.get(2), 1, 0.9);
        SweepState high = log.replay();
        assertFalse(pruning.judge(high, high.trial(t.get(2).trialId())).isStop(), "accuracy 0.9 is above the median 0.825");
        SimulatedLog lowLog = new SimulatedLog("p", "accuracy", true);
        lowLog.events.addAll(log.events.subList(0, log.events.size() - 1));
        lowLog.evaluate(t.get(2), 1, 0.7);
        SweepState low = lowLog.replay();
        PruneDecision d = pruning.judge(low, low.trial(t.get(2).trialId()));
        assertTrue(d.isStop(), "accuracy 0.7 is below the median 0.825 of the others at evaluation 1: " + d.reason());
    }

    @Test
    void aPrunedTrialIsFinishedNotFailedAndTheWorkersLaterWordsChangeNothing() throws Exception {
        SweepSpec spec = spec("regression", 2, "{method: asha}");
        TrialSpec t = trials(spec).get(0);
        SimulatedLog log = new SimulatedLog("p", "mcrmse", false);
        log.queue(Proposed.planned(t));
        log.start(t);
        log.evaluate(t, 1, 0.7);
        log.events.add(new TrialEvent.Pruned(1, "p", t.trialId(), 1, 5, "coordinator", "rung 0: not in the top 1/3"));
        log.evaluate(t, 2, 0.6); // sent before the worker heard
        log.events.add(new TrialEvent.Pruned(1, "p", t.trialId(), 1, 6, "w", "stopped at the coordinator's word"));
        SweepState state = log.replay();
        var v = state.trial(t.trialId());
        assertEquals(TrialState.PRUNED, v.state());
        assertTrue(v.state().finished());
        assertFalse(v.wantsRetry());
        assertEquals("rung 0: not in the top 1/3", v.stopReason(), "the decision's reason, not the worker's echo");
        assertEquals(1, v.history().size(), "its history up to the decision stays");
        assertEquals(0, v.superseded(), "the worker's echo is no one's lost work");
        assertEquals(4.0, v.spentSeconds() * 1000, 1e-9, "training time from start (1 ms) to the decision (5 ms)");
    }
}
