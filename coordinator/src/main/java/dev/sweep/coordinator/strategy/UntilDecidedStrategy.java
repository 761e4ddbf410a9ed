package dev.sweep.coordinator.strategy;

import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.coordinator.decide.ConfigurationDecisions;
import dev.sweep.coordinator.decide.SeedStatus;
import dev.sweep.coordinator.plan.Configuration;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ablation with seeds until decided ({@code seeds: {min, max}} and {@code decide:}): every
 * configuration runs the first {@code min} seeds; then each one whose comparison with the
 * reference is still undecided, once its seeds and the reference's matching ones have finished,
 * gets the next seed (and the reference too, where it lacks that seed), until
 * {@link ConfigurationDecisions} decides it or it reaches {@code max}. A decided configuration
 * gets no more seeds. Trials are the planner's (seed k of a configuration has the same id as in
 * a plain ablation with that seed), so the log alone says which seeds each has had.
 */
final class UntilDecidedStrategy implements SweepStrategy {
    private final SweepSpec spec;
    private final String reference;
    private final ConfigurationDecisions decisions;
    /** Configuration name to its trial for each seed, in seed order. */
    private final Map<String, List<TrialSpec>> seeds = new LinkedHashMap<>();
    private final Map<String, TrialSpec> byId = new LinkedHashMap<>();

    UntilDecidedStrategy(SweepSpec spec, SweepPlanner planner) {
        this.spec = spec;
        var plan = planner.reportPlan();
        this.reference = plan.reference();
        if (reference == null) {
            throw new IllegalArgumentException("decide: seeds until decided compares each configuration with a reference; "
                    + "name one in report.reference");
        }
        this.decisions = new ConfigurationDecisions(plan.decide(), reference,
                Objective.of(spec.task().type(), spec.report().select()));
        List<TrialSpec> all = new ArrayList<>();
        for (Configuration c : planner.configurations()) {
            List<TrialSpec> trials = new ArrayList<>();
            for (long seed : spec.seeds().values()) {
                trials.add(planner.trial(c, seed, null, ""));
            }
            seeds.put(c.name(), trials);
            all.addAll(trials);
        }
        // the plan is every trial it could run: the same spec gives the same id whichever seeds end up running
        String planId = planner.planId(all);
        seeds.replaceAll((name, trials) -> trials.stream().map(t -> t.withPlanId(planId)).toList());
        seeds.values().forEach(trials -> trials.forEach(t -> byId.put(t.trialId(), t)));
        if (all.size() > spec.budget().maxTrials()) {
            throw new IllegalArgumentException("seeds until decided may run " + all.size() + " trials (every configuration "
                    + "at seeds.max) but budget.max_trials is " + spec.budget().maxTrials() + "; raise it or lower seeds.max");
        }
    }

    @Override
    public List<Proposed> propose(SweepState state, int room) {
        List<TrialSpec> due = new ArrayList<>();
        int min = spec.seeds().min();
        for (List<TrialSpec> trials : seeds.values()) {
            due.addAll(trials.subList(0, min));
        }
        for (SeedStatus s : decisions.of(state).values()) {
            if (!s.waiting() && !s.decision().decision().isFinal() && s.seedsRun() < spec.seeds().size()) {
                if (!seeds.containsKey(s.configuration())) {
                    continue; // not a configuration of this plan
                }
                due.add(seeds.get(s.configuration()).get(s.seedsRun()));
                due.add(seeds.get(reference).get(s.seedsRun()));
            }
        }
        return Proposed.missing(due, state);
    }

    @Override
    public TrialSpec trial(TrialView view) {
        return byId.get(view.trialId());
    }

    @Override
    public boolean exhausted(SweepState state) {
        int min = spec.seeds().min();
        for (List<TrialSpec> trials : seeds.values()) {
            if (trials.subList(0, min).stream().anyMatch(t -> !state.knows(t.trialId()))) {
                return false;
            }
        }
        return decisions.of(state).values().stream().allMatch(SeedStatus::stopped);
    }
}
