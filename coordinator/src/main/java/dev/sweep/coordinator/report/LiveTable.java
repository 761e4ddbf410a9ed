package dev.sweep.coordinator.report;

import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import dev.sweep.coordinator.strategy.Objective;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The terminal view of a running sweep: trials by state (pruned ones among them), and per
 * configuration its progress, its pruned seeds, its best so far and, with seeds until decided,
 * why it stopped or what it waits for.
 */
public final class LiveTable {
    private LiveTable() {}

    /** @param waiting trials decided on but not yet handed to a worker (not in the log yet) */
    public static String render(SweepState state, int waiting) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "sweep %s: %d trials, %d waiting for a worker, %d queued, %d running, %d completed, %d failed "
                        + "(retrying), %d dead, %d cancelled, %d pruned%n", state.sweepId(), state.trials().size() + waiting,
                waiting, state.count(TrialState.QUEUED), state.count(TrialState.RUNNING), state.count(TrialState.COMPLETED),
                state.count(TrialState.FAILED), state.count(TrialState.DEAD), state.count(TrialState.CANCELLED),
                state.count(TrialState.PRUNED)));
        Map<String, String> decisions = decisions(state);
        Map<String, List<TrialView>> byConfig = new LinkedHashMap<>();
        state.trials().forEach(t -> byConfig.computeIfAbsent(t.configName(), k -> new ArrayList<>()).add(t));
        b.append(String.format(Locale.ROOT, "  %-28s %-6s %-30s %-22s %s", "configuration", "done", "running / pruned",
                "best so far", decisions.isEmpty() ? "" : "seeds until decided").stripTrailing()).append(System.lineSeparator());
        for (Map.Entry<String, List<TrialView>> e : byConfig.entrySet()) {
            long done = e.getValue().stream().filter(t -> t.state() == TrialState.COMPLETED).count();
            StringBuilder running = new StringBuilder();
            String best = "";
            double bestValue = Double.NaN;
            for (TrialView t : e.getValue()) {
                TrialEvent.Progress p = t.progress();
                if (t.state() == TrialState.RUNNING && p != null) {
                    running.append(String.format(Locale.ROOT, "s%d %d/%d loss %.3f ", t.seed(), p.step(), p.totalSteps(),
                            p.loss()));
                } else if (t.state() == TrialState.RUNNING) {
                    running.append("s").append(t.seed()).append(" starting ");
                } else if (t.state() == TrialState.PRUNED) {
                    running.append("s").append(t.seed()).append(" pruned ");
                }
                if (t.result() != null) {
                    double v = t.result().bestPrimary();
                    boolean better = Double.isNaN(bestValue)
                            || (t.result().higherIsBetter() ? v > bestValue : v < bestValue);
                    if (better) {
                        bestValue = v;
                        best = String.format(Locale.ROOT, "%s %.4f", t.result().primaryMetric(), v);
                    }
                }
            }
            String line = String.format(Locale.ROOT, "  %-28s %-6s %-30s %-22s %s", e.getKey(), done + "/"
                    + e.getValue().size(), running.toString().trim(), best, decisions.getOrDefault(e.getKey(), ""));
            b.append(line.stripTrailing()).append(System.lineSeparator());
        }
        return b.toString();
    }

    /**
     * With seeds until decided, each configuration's reason (decided, or the seed it waits for),
     * as the coordinator decides it; empty for other sweeps and before any trial has a result
     * (until then every configuration waits for its first seeds, which the counts already say).
     */
    private static Map<String, String> decisions(SweepState state) {
        ReportPlan plan = state.reportPlan();
        TrialResult first = state.trials().stream().map(TrialView::result).filter(r -> r != null).findFirst()
                .orElse(null);
        if (plan == null || plan.decide() == null || first == null) {
            return Map.of();
        }
        Objective objective = new Objective(first.primaryMetric(), first.higherIsBetter(), plan.select());
        Map<String, String> out = new LinkedHashMap<>();
        SeedStops.Replay replay = SeedStops.of(state, plan, objective);
        replay.stops().forEach(s -> out.put(s.config(), s.stopped() + ": " + s.why()));
        if (replay.cannot() != null) {
            out.put(plan.reference(), "decisions not shown: " + replay.cannot());
        } else if (!replay.stops().isEmpty()) {
            out.put(plan.reference(), "reference");
        }
        return out;
    }
}
