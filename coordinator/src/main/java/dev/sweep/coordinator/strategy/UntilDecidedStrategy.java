package dev.sweep.coordinator.strategy;

import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.coordinator.decide.ConfigurationDecisions;
import dev.sweep.coordinator.decide.SeedStatus;
import dev.sweep.coordinator.plan.Configuration;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ablation with seeds until decided ({@code seeds: {min, max}} and {@code decide:}): every
 * configuration runs the first {@code min} seeds; then each one whose comparison with the
 * reference is still undecided, once its seeds and the reference's matching ones have finished,
 * gets the next seed (and the reference too, where it lacks that seed), until
 * {@link ConfigurationDecisions} decides it or it reaches {@code max}. A decided configuration
 * gets no more seeds. Trials are the planner's (seed k of a configuration has the same id as in
 * a plain ablation with that seed), so the log alone says which seeds each has had.
 *
 * <p>With {@code fma: true}, a configuration that has stopped gets the average of the seeds it
 * ran, once all of them completed (none if one was lost); the reference, which runs every seed
 * some configuration needed, gets its average once every configuration has stopped. Each
 * average is the same trial whenever it is asked for (its id comes from its members), so a
 * restarted coordinator finds it in the log.
 */
final class UntilDecidedStrategy implements SweepStrategy {
    private final SweepSpec spec;
    private final String reference;
    private final ConfigurationDecisions decisions;
    /** Configuration name to its trial for each seed, in seed order. */
    private final Map<String, List<TrialSpec>> seeds = new LinkedHashMap<>();
    private final Map<String, TrialSpec> byId = new LinkedHashMap<>();
    private final boolean fma;

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
        this.fma = spec.fma();
        if (fma) {
            // every average a configuration may end with: of its first k seeds, k from min to max
            seeds.values().forEach(trials -> {
                for (int k = spec.seeds().min(); k <= trials.size(); k++) {
                    TrialSpec avg = SweepPlanner.average(trials.subList(0, k));
                    byId.put(avg.trialId(), avg);
                }
            });
        }
        int most = all.size() + (fma ? seeds.size() : 0);
        if (most > spec.budget().maxTrials()) {
            throw new IllegalArgumentException("seeds until decided may run " + most + " trials (every configuration "
                    + "at seeds.max" + (fma ? ", and its average" : "") + ") but budget.max_trials is "
                    + spec.budget().maxTrials() + "; raise it or lower seeds.max");
        }
    }

    @Override
    public List<Proposed> propose(SweepState state, int room) {
        List<TrialSpec> due = new ArrayList<>();
        int min = spec.seeds().min();
        for (List<TrialSpec> trials : seeds.values()) {
            due.addAll(trials.subList(0, min));
        }
        Map<String, SeedStatus> status = decisions.of(state);
        for (SeedStatus s : status.values()) {
            if (!s.waiting() && !s.decision().decision().isFinal() && s.seedsRun() < spec.seeds().size()) {
                if (!seeds.containsKey(s.configuration())) {
                    continue; // not a configuration of this plan
                }
                due.add(seeds.get(s.configuration()).get(s.seedsRun()));
                due.add(seeds.get(reference).get(s.seedsRun()));
            }
        }
        due.addAll(averagesDue(state, status));
        return Proposed.missing(due, state);
    }

    /**
     * The averages whose configurations have stopped and whose members all completed: a
     * configuration's once it has stopped, the reference's once every configuration has.
     */
    private List<TrialSpec> averagesDue(SweepState state, Map<String, SeedStatus> status) {
        if (!fma) {
            return List.of();
        }
        List<TrialSpec> due = new ArrayList<>();
        boolean allStopped = true;
        for (Map.Entry<String, List<TrialSpec>> e : seeds.entrySet()) {
            if (e.getKey().equals(reference)) {
                continue;
            }
            SeedStatus s = status.get(e.getKey());
            if (s == null || !s.stopped()) {
                allStopped = false;
                continue;
            }
            averageOfRun(e.getValue(), state).ifPresent(due::add);
        }
        if (allStopped) {
            averageOfRun(seeds.get(reference), state).ifPresent(due::add);
        }
        return due;
    }

    /** The average of the seeds a configuration ran (those in the log), if every one of them completed. */
    private static Optional<TrialSpec> averageOfRun(List<TrialSpec> trials, SweepState state) {
        List<TrialSpec> ran = trials.stream().filter(t -> state.knows(t.trialId())).toList();
        boolean allCompleted = !ran.isEmpty()
                && ran.stream().allMatch(t -> state.trial(t.trialId()).state() == TrialState.COMPLETED);
        return allCompleted ? Optional.of(SweepPlanner.average(ran)) : Optional.empty();
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
        Map<String, SeedStatus> status = decisions.of(state);
        if (!status.values().stream().allMatch(SeedStatus::stopped)) {
            return false;
        }
        return averagesDue(state, status).stream().allMatch(a -> state.knows(a.trialId()));
    }
}
