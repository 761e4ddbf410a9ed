package dev.sweep.coordinator.strategy;

import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grid, random and ablation: every trial is known before the first result (the planner expands
 * the spec), and with {@code fma} each configuration's (and fold's) weight average is proposed
 * once all its seeds have completed. Results change nothing else.
 */
final class PlannedStrategy implements SweepStrategy {
    private final boolean fma;
    private final List<TrialSpec> planned;
    /** Each configuration's seeds on one fold: the members of one average. */
    private final List<List<TrialSpec>> groups;
    private final Map<String, TrialSpec> byId = new LinkedHashMap<>();

    PlannedStrategy(SweepSpec spec, SweepPlanner planner) {
        this.fma = spec.fma();
        this.planned = planner.trials();
        Map<String, List<TrialSpec>> g = new LinkedHashMap<>();
        for (TrialSpec t : planned) {
            byId.put(t.trialId(), t);
            if (t.kind() == TrialKind.TRAIN) {
                g.computeIfAbsent(t.configName() + "#" + t.fold(), k -> new ArrayList<>()).add(t);
            }
        }
        this.groups = List.copyOf(g.values());
        if (fma) {
            groups.forEach(members -> {
                TrialSpec avg = SweepPlanner.average(members);
                byId.put(avg.trialId(), avg);
            });
        }
    }

    @Override
    public List<Proposed> propose(SweepState state, int room) {
        List<TrialSpec> due = new ArrayList<>(planned);
        due.addAll(averagesDue(state));
        return Proposed.missing(due, state);
    }

    @Override
    public TrialSpec trial(TrialView view) {
        return byId.get(view.trialId());
    }

    @Override
    public boolean exhausted(SweepState state) {
        if (planned.stream().anyMatch(t -> !state.knows(t.trialId()))) {
            return false;
        }
        if (!fma) {
            return true;
        }
        for (List<TrialSpec> members : groups) {
            boolean allCompleted = members.stream().allMatch(m -> state.trial(m.trialId()).state() == TrialState.COMPLETED);
            boolean anyLost = members.stream().anyMatch(m -> {
                TrialState s = state.trial(m.trialId()).state();
                return s.finished() && s != TrialState.COMPLETED;
            });
            if (allCompleted ? !state.knows(SweepPlanner.average(members).trialId()) : !anyLost) {
                return false; // its average is due but not out yet, or may still become due
            }
        }
        return true;
    }

    /** The FMA trials whose members have all completed. */
    private List<TrialSpec> averagesDue(SweepState state) {
        if (!fma) {
            return List.of();
        }
        List<TrialSpec> due = new ArrayList<>();
        for (List<TrialSpec> members : groups) {
            boolean allDone = members.stream().allMatch(m -> {
                TrialView v = state.trial(m.trialId());
                return v != null && v.state() == TrialState.COMPLETED;
            });
            if (allDone) {
                due.add(SweepPlanner.average(members));
            }
        }
        return due;
    }
}
