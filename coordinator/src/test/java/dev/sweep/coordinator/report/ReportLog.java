package dev.sweep.coordinator.report;

import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialEnvironment;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.state.SweepState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sweep's event log written by hand for the report tests: each trial queued (with the report
 * settings, as the coordinator writes them), started and completed with its values.
 */
public final class ReportLog {
    private final SweepState state = new SweepState("s");
    private final ReportPlan plan;
    private final String metric;
    private final boolean higher;
    private String worker = "w1";
    private int skipped;
    private double ms = 100;
    private TrialEnvironment environment;
    private dev.sweep.common.trial.TrialTimes times;
    private Map<String, String> settings = Map.of();

    /** @param plan the report settings on the queued events; null writes a log from before them */
    public ReportLog(ReportPlan plan, String metric, boolean higherIsBetter) {
        this.plan = plan;
        this.metric = metric;
        this.higher = higherIsBetter;
    }

    ReportLog(ReportPlan plan) {
        this(plan, "accuracy", true);
    }

    SweepState state() {
        return state;
    }

    public SweepReport report() {
        return SweepReport.of(state, List.of());
    }

    ReportLog worker(String id) {
        this.worker = id;
        return this;
    }

    /** The phase times the next training trials record (null: none, as from older workers). */
    ReportLog times(dev.sweep.common.trial.TrialTimes t) {
        this.times = t;
        return this;
    }

    /** What the next trials report they trained on (null: not recorded, as from an old worker). */
    ReportLog environment(TrialEnvironment e) {
        this.environment = e;
        return this;
    }

    /** The settings the next trials are queued with (trick switches, axes), as the planner writes them. */
    ReportLog settings(Map<String, String> s) {
        this.settings = Map.copyOf(s);
        return this;
    }

    ReportLog skipped(int steps) {
        this.skipped = steps;
        return this;
    }

    ReportLog ms(double msPerStep) {
        this.ms = msPerStep;
        return this;
    }

    static String id(String config, long seed, Integer fold) {
        return config + "-s" + seed + (fold == null ? "" : "-f" + fold);
    }

    /** A training trial whose last evaluation scores {@code value} (its best too). */
    public ReportLog train(String config, long seed, Integer fold, double value) {
        return train(config, seed, fold, value, value);
    }

    /** A training trial whose best evaluation (step 5) scores {@code best} and its last (step 10) {@code last}. */
    ReportLog train(String config, long seed, Integer fold, double last, double best) {
        String id = id(config, seed, fold);
        queue(id, config, TrialKind.TRAIN, seed, fold, List.of());
        complete(id, result(best, last, ms, skipped));
        return this;
    }

    /** The averaged model of {@code members}, scoring {@code value}; its seed is the first member's, as the planner sets it. */
    ReportLog average(String config, long firstSeed, Integer fold, double value, String... members) {
        String id = config + "-fma" + (fold == null ? "" : "-f" + fold);
        queue(id, config + "+fma", TrialKind.AVERAGE, firstSeed, fold, List.of(members));
        complete(id, new TrialResult(metric, higher, metrics(value), 0, metrics(value),
                List.of(EvalPoint.of(0, 0, Double.NaN, metrics(value))), 0, 0, 0, 0, 0, 1, 3L << 30, "/out/" + id));
        return this;
    }

    /** A trial that failed for good. */
    ReportLog dead(String config, long seed, Integer fold) {
        String id = id(config, seed, fold);
        queue(id, config, TrialKind.TRAIN, seed, fold, List.of());
        state.apply(new TrialEvent.Started(1, "s", id, 1, 0, worker, "cpu"));
        state.apply(new TrialEvent.Failed(1, "s", id, 1, 0, worker, "diverged", false));
        return this;
    }

    /** A trial the pruner stopped after {@code evaluations} evaluations of {@code value} each. */
    ReportLog pruned(String config, long seed, int evaluations, double value, String reason) {
        String id = id(config, seed, null);
        queue(id, config, TrialKind.TRAIN, seed, null, List.of());
        state.apply(new TrialEvent.Started(1, "s", id, 1, 0, worker, "cpu"));
        for (int i = 1; i <= evaluations; i++) {
            state.apply(new TrialEvent.Evaluated(1, "s", id, 1, 0, worker, null, EvalPoint.of(1, 5 * i, 0.5, metrics(value))));
        }
        state.apply(new TrialEvent.Pruned(1, "s", id, 1, 0, worker, reason));
        return this;
    }

    /** A trial a worker is still training. */
    /** A trial queued and not started. */
    ReportLog queued(String config, long seed) {
        queue(id(config, seed, null), config, TrialKind.TRAIN, seed, null, List.of());
        return this;
    }

    ReportLog running(String config, long seed) {
        String id = id(config, seed, null);
        queue(id, config, TrialKind.TRAIN, seed, null, List.of());
        state.apply(new TrialEvent.Started(1, "s", id, 1, 0, worker, "cpu"));
        return this;
    }

    private void queue(String id, String config, TrialKind kind, long seed, Integer fold, List<String> members) {
        state.apply(new TrialEvent.Queued(1, "s", id, 1, 0, kind, config, settings, seed, fold, members, 2, "p", plan));
    }

    private void complete(String id, TrialResult r) {
        state.apply(new TrialEvent.Started(1, "s", id, 1, 0, worker, "cpu"));
        state.apply(new TrialEvent.Completed(1, "s", id, 1, 0, worker, r));
    }

    private TrialResult result(double best, double last, double msPerStep, int skippedSteps) {
        return new TrialResult(metric, higher, metrics(best), 5, metrics(last),
                List.of(EvalPoint.of(1, 5, 0.5, metrics(best)), EvalPoint.of(1, 10, 0.3, metrics(last))), 10,
                skippedSteps, 5, 10, msPerStep, 1, 2L << 30, "/out", environment, times);
    }

    /** The primary metric and a second one a tenth below it (same direction, as a task's metrics are). */
    private TreeMap<String, Double> metrics(double value) {
        TreeMap<String, Double> m = new TreeMap<>();
        m.put(metric, value);
        m.put(higher ? "macro_f1" : "rmse_x", value - 0.1);
        return m;
    }
}
