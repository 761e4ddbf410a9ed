package dev.sweep.coordinator.decide;

import dev.sweep.common.wire.ReportPlan;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import dev.sweep.coordinator.strategy.Objective;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each configuration's decision in a seeds-until-decided sweep, from the state alone: its
 * completed seeds paired with the reference's same seeds, in seed order, through
 * {@link SeedsUntilDecided}. The coordinator gives another seed where this says undecided; the
 * report and the live table show its reasons. A pure function of the log, so a restarted
 * coordinator decides exactly as before.
 */
public final class ConfigurationDecisions {
    private final DecisionRule rule;
    private final SeedsUntilDecided decider;
    private final String reference;
    private final Objective objective;

    public ConfigurationDecisions(ReportPlan.DecidePlan plan, String reference, Objective objective) {
        this.rule = new DecisionRule(plan.minSeeds(), plan.maxSeeds(), plan.minEffect(), plan.alpha(), plan.power());
        this.decider = new SeedsUntilDecided(rule, reference);
        this.reference = reference;
        this.objective = objective;
    }

    public DecisionRule rule() {
        return rule;
    }

    public String reference() {
        return reference;
    }

    /** Every configuration but the reference, in the order the log first has them. */
    public Map<String, SeedStatus> of(SweepState state) {
        Map<String, TreeMap<Long, TrialView>> bySeed = new LinkedHashMap<>();
        for (TrialView t : state.trials()) {
            if (t.kind() == TrialKind.TRAIN) {
                bySeed.computeIfAbsent(t.configName(), k -> new TreeMap<>()).put(t.seed(), t);
            }
        }
        TreeMap<Long, TrialView> ref = bySeed.getOrDefault(reference, new TreeMap<>());
        Map<String, SeedStatus> out = new LinkedHashMap<>();
        bySeed.forEach((name, seeds) -> {
            if (!name.equals(reference)) {
                out.put(name, status(name, seeds, ref));
            }
        });
        return out;
    }

    private SeedStatus status(String name, TreeMap<Long, TrialView> seeds, TreeMap<Long, TrialView> ref) {
        List<String> waitingFor = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        for (Map.Entry<Long, TrialView> e : seeds.entrySet()) {
            TrialView mine = e.getValue();
            TrialView theirs = ref.get(e.getKey());
            if (!mine.state().finished()) {
                waitingFor.add("seed " + e.getKey() + " " + stage(mine));
            }
            if (theirs == null) {
                waitingFor.add(reference + " seed " + e.getKey() + " to be queued");
            } else if (!theirs.state().finished()) {
                waitingFor.add(reference + " seed " + e.getKey() + " " + stage(theirs));
            }
            Double a = mine.state() == TrialState.COMPLETED ? objective.value(mine) : null;
            Double b = theirs != null && theirs.state() == TrialState.COMPLETED ? objective.value(theirs) : null;
            if (a != null && b != null) {
                differences.add(objective.higherIsBetter() ? a - b : b - a);
            }
        }
        SeedDecision d = decider.decide(differences);
        int run = seeds.size();
        if (!d.decision().isFinal() && waitingFor.isEmpty() && run >= rule.maxSeeds()) {
            // every seed ran but some failed: fewer pairs than the last look needs, and no seed left to give
            d = new SeedDecision(Decision.OUT_OF_SEEDS, d.seeds(), d.difference(), d.low(), d.high(), d.confidence(),
                    "out of seeds: all " + run + " seeds ran, " + (run - differences.size()) + " of them without a "
                            + "result to pair, and the " + differences.size() + " pairs could not decide");
        }
        return new SeedStatus(name, run, differences.size(), waitingFor, d);
    }

    /** Where an unfinished trial is, in words. */
    private static String stage(TrialView t) {
        return switch (t.state()) {
            case RUNNING -> "training";
            case FAILED -> "failed, to be retried";
            default -> "queued";
        };
    }
}
