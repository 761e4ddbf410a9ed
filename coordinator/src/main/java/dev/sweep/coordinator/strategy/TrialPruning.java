package dev.sweep.coordinator.strategy;

import dev.sweep.common.sweep.PruneSpec;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.search.AshaPruner;
import dev.sweep.coordinator.search.MedianPruner;
import dev.sweep.coordinator.search.PruneDecision;
import dev.sweep.coordinator.search.Pruner;
import dev.sweep.coordinator.search.SearchTrial;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The spec's pruner ({@code prune:}) applied to the sweep's state: after a running trial's
 * evaluation, ASHA or median stopping compares its primary metric at that evaluation with the
 * other training trials' and answers continue or stop, as a value the coordinator's loop carries
 * out (a {@code pruned} event, then a word to the worker).
 */
public final class TrialPruning {
    private final Pruner pruner;
    private final Objective objective;

    private TrialPruning(Pruner pruner, Objective objective) {
        this.pruner = pruner;
        this.objective = objective;
    }

    /** The spec's pruner, or null when it asks for none. */
    public static TrialPruning of(SweepSpec spec) {
        PruneSpec p = spec.prune();
        if (p == null) {
            return null;
        }
        Objective objective = Objective.of(spec.task().type(), spec.report().select());
        Pruner pruner = switch (p.method()) {
            case ASHA -> new AshaPruner(objective.direction(), p.minResource(), p.reductionFactor(), p.minEarlyStoppingRate());
            case MEDIAN -> new MedianPruner(objective.direction(), p.startupTrials(), p.warmupEvaluations(), 1);
        };
        return new TrialPruning(pruner, objective);
    }

    /** The pruner's answer for a running training trial at its latest evaluation. */
    public PruneDecision judge(SweepState state, TrialView trial) {
        if (trial.state() != TrialState.RUNNING || trial.kind() != TrialKind.TRAIN || trial.history().isEmpty()) {
            return PruneDecision.proceed("not a running training trial with an evaluation");
        }
        List<SearchTrial> all = new ArrayList<>();
        SearchTrial self = null;
        int number = 0;
        for (TrialView t : state.trials()) {
            if (t.kind() != TrialKind.TRAIN) {
                continue;
            }
            SearchTrial s = objective.searchTrial(number++, Map.of(), t);
            all.add(s);
            if (t.trialId().equals(trial.trialId())) {
                self = s;
            }
        }
        return pruner.decide(self, all);
    }
}
