package dev.sweep.coordinator.report;

import dev.sweep.common.wire.ReportPlan;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.decide.ConfigurationDecisions;
import dev.sweep.coordinator.decide.SeedStatus;
import dev.sweep.coordinator.report.SweepReport.SeedStop;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialView;
import dev.sweep.coordinator.strategy.Objective;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why each configuration of a seeds-until-decided sweep stopped, read from the state by the same
 * {@link ConfigurationDecisions} the coordinator decides with, so the report and the live table
 * say exactly what the coordinator acted on.
 */
final class SeedStops {
    private SeedStops() {}

    /**
     * What the decisions are, or why the log cannot replay them.
     *
     * @param cannot why the decisions are not shown (the log does not fit the rule it names); null
     *     when they are
     */
    record Replay(List<SeedStop> stops, String cannot) {
        Replay {
            stops = List.copyOf(stops);
        }
    }

    /** @param plan the report settings; no decisions unless they name a rule (decide) and a reference */
    static Replay of(SweepState state, ReportPlan plan, Objective objective) {
        if (plan == null || plan.decide() == null || plan.reference() == null) {
            return new Replay(List.of(), null);
        }
        String cannot = cannotReplay(state, plan, objective);
        if (cannot != null) {
            return new Replay(List.of(), cannot);
        }
        ConfigurationDecisions decisions = new ConfigurationDecisions(plan.decide(), plan.reference(), objective);
        List<SeedStop> out = new ArrayList<>();
        for (SeedStatus s : decisions.of(state).values()) {
            out.add(new SeedStop(s.configuration(), s.decision().decision(), s.seedsRun(), s.pairs(), s.waiting(),
                    s.reason()));
        }
        return new Replay(out, null);
    }

    /**
     * The rule replays the seeds it allows, each a finite value: a log with more seeds than
     * seeds.max (its spec changed under the sweep's name) or an infinite metric is outside it,
     * and the report says so rather than show a decision the coordinator never made.
     */
    private static String cannotReplay(SweepState state, ReportPlan plan, Objective objective) {
        Map<String, Set<Long>> seeds = new HashMap<>();
        for (TrialView t : state.trials()) {
            if (t.kind() != TrialKind.TRAIN) {
                continue;
            }
            seeds.computeIfAbsent(t.configName(), k -> new HashSet<>()).add(t.seed());
            Double v = objective.value(t);
            if (v != null && Double.isInfinite(v)) {
                return t.configName() + " seed " + t.seed() + " has " + objective.metric() + " = " + v
                        + ", which the sequential test cannot take";
            }
        }
        for (Map.Entry<String, Set<Long>> e : seeds.entrySet()) {
            if (e.getValue().size() > plan.decide().maxSeeds()) {
                return e.getKey() + " has " + e.getValue().size() + " seeds, more than the rule's seeds.max ("
                        + plan.decide().maxSeeds() + ")";
            }
        }
        return null;
    }

    /** The statement every report of such a sweep makes: what each decision's error rate covers. */
    static String method(ReportPlan.DecidePlan rule, String reference, int configurations) {
        String family = Format.brief(Math.min(1, configurations * rule.alpha()));
        return "Seeds until decided: each configuration got seeds one at a time, paired with `" + reference + "`'s "
                + "same seeds, until a group-sequential test (O'Brien-Fleming-type spending, t boundaries; two "
                + "one-sided tests for equivalence within +-" + Format.brief(rule.minEffect()) + ") decided it, "
                + "between " + rule.minSeeds() + " and " + rule.maxSeeds() + " seeds, alpha " + Format.brief(rule.alpha())
                + ", power " + Format.brief(rule.power()) + " at the minimum effect. Its error rates hold per "
                + "configuration: over the " + configurations + " configuration" + (configurations == 1 ? "" : "s")
                + " the chance that any is wrongly called better or worse is up to m x alpha = " + configurations
                + " x " + Format.brief(rule.alpha()) + " = " + family + ". The table's paired tests and Holm's "
                + "correction are computed afresh over all the seeds that ran, so they can disagree with a decision "
                + "made at an earlier look.";
    }
}
