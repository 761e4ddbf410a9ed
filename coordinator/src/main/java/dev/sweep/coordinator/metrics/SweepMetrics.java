package dev.sweep.coordinator.metrics;

import dev.sweep.common.metrics.MetricNames;
import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.report.SweepReport;
import dev.sweep.coordinator.report.stats.Comparison;
import dev.sweep.coordinator.report.stats.Verdict;
import dev.sweep.coordinator.state.ChangeFollower;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Publishes a sweep's state as gauges: trials by state; each trial's best metrics and cost and
 * each epoch's metrics, labelled by configuration, seed, fold and one label per trick setting so
 * that Grafana can group; the best so far; and how far the coordinator lags the event log.
 */
public final class SweepMetrics {
    private final MeterRegistry registry;
    private final String sweep;
    private final Map<String, Value> values = new HashMap<>();
    /** Results folded into the comparisons last time: the report is built again only when it changed. */
    private int comparedResults = -1;
    /** The state the gauges follow, and which of its trials changed since the last update. */
    private final ChangeFollower follower = new ChangeFollower();
    /** The best value of each primary metric so far: results only ever arrive, so it only improves. */
    private final Map<String, Double> best = new TreeMap<>();
    private final java.util.Set<String> withResult = new java.util.HashSet<>();
    /** When the comparisons were last built, and what building them cost (nanoseconds). */
    private long comparedAt;
    private long comparisonCost;
    /**
     * The comparisons are a whole report of the sweep; built at every new result they would cost
     * a sweep of 10,000 trials time quadratic in its size. They are built again once the time since
     * the last build is this many times what that build cost: at most about a hundredth of the
     * loop's time, whose every build holds up the next trial of any worker that frees up meanwhile.
     * A small sweep (a report in a millisecond) still has them after every result or nearly; at
     * 10,000 trials (a report in about 60 ms) every six seconds, still more often than Prometheus
     * scrapes.
     */
    static final int COMPARISON_COST_FACTOR = 100;

    /** A gauge's current value; Micrometer reads it at scrape time. */
    private static final class Value {
        volatile double value = Double.NaN;
    }

    public SweepMetrics(MeterRegistry registry, String sweep) {
        this.registry = registry;
        this.sweep = sweep;
        for (TrialState s : TrialState.values()) {
            set(MetricNames.TRIALS, Tags.of("sweep", sweep, "state", s.name().toLowerCase(Locale.ROOT)), 0);
        }
        set(MetricNames.EVENT_LAG, Tags.of("sweep", sweep), 0);
    }

    /**
     * Brings the gauges up to the state: the trials that changed since the last update (every
     * trial the first time, or when given another state), and the comparisons when they are due.
     */
    public void update(SweepState state) {
        update(state, false);
    }

    /** As {@link #update(SweepState)}, the comparisons built whatever they cost: the sweep's last word. */
    public void finish(SweepState state) {
        update(state, true);
    }

    private void update(SweepState state, boolean whateverItCosts) {
        for (TrialState s : TrialState.values()) {
            set(MetricNames.TRIALS, Tags.of("sweep", sweep, "state", s.name().toLowerCase(Locale.ROOT)), state.count(s));
        }
        ChangeFollower.Turn turn = follower.next(state);
        if (turn.fresh()) {
            best.clear();
            withResult.clear();
            comparedResults = -1;
        }
        java.util.Collection<TrialView> changed = turn.trials();
        for (TrialView t : changed) {
            Tags trial = trialTags(t);
            for (EvalPoint p : t.history()) {
                Tags epoch = trial.and("epoch", String.valueOf(p.epoch()));
                p.metrics().forEach((metric, v) -> set(MetricNames.EPOCH_METRIC, epoch.and("metric", metric), v));
            }
            TrialResult r = t.result();
            if (r == null) {
                continue;
            }
            r.best().forEach((metric, v) -> set(MetricNames.TRIAL_METRIC, trial.and("metric", metric), v));
            if (t.kind() == TrialKind.TRAIN) {
                set(MetricNames.TRIAL_STEP_MS, trial, r.msPerStep());
                set(MetricNames.TRIAL_PEAK_BYTES, trial, r.peakNativeBytes());
            }
            double v = r.bestPrimary();
            if (withResult.add(t.trialId())) { // a result is final: a second completed event repeats it
                best.merge(r.primaryMetric(), v, (a, b) -> r.higherIsBetter() ? Math.max(a, b) : Math.min(a, b));
            }
        }
        best.forEach((metric, v) -> set(MetricNames.BEST_METRIC, Tags.of("sweep", sweep, "metric", metric), v));
        int results = withResult.size();
        long now = System.nanoTime();
        boolean affordable = comparedResults < 0 || now - comparedAt >= COMPARISON_COST_FACTOR * comparisonCost;
        if (results != comparedResults && (whateverItCosts || affordable)) {
            comparedResults = results;
            comparisons(SweepReport.of(state, List.of()));
            comparedAt = System.nanoTime();
            comparisonCost = comparedAt - now;
        }
    }

    /**
     * Each configuration's comparison with the reference, as the report makes it (the same pairs,
     * Holm over the same family): improvement, interval, pairs and verdict.
     */
    private void comparisons(SweepReport report) {
        for (SweepReport.Column c : report.columns()) {
            Comparison test = c.test();
            if (test == null) {
                continue;
            }
            Tags tags = Tags.of("sweep", sweep, "config", c.config(), "metric", report.metric(), "reference",
                    test.against());
            set(MetricNames.CONFIG_IMPROVEMENT, tags, test.improvement());
            set(MetricNames.CONFIG_IMPROVEMENT_LOW, tags, test.ciLow());
            set(MetricNames.CONFIG_IMPROVEMENT_HIGH, tags, test.ciHigh());
            set(MetricNames.CONFIG_PAIRS, tags, test.pairs());
            for (Verdict v : Verdict.values()) {
                set(MetricNames.CONFIG_VERDICT, tags.and("verdict", v.name().toLowerCase(Locale.ROOT)),
                        v == test.verdict() ? 1 : 0);
            }
        }
    }

    /** The age of the newest event read, in seconds. */
    public void eventLag(double seconds) {
        set(MetricNames.EVENT_LAG, Tags.of("sweep", sweep), seconds);
    }

    /**
     * sweep, config, kind, seed, fold, and one label per trick or axis setting. Every trial of a
     * sweep has the same settings keys (the planner sets each trick on or off), so the label sets
     * agree, as Prometheus requires of one metric.
     */
    Tags trialTags(TrialView t) {
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.of("sweep", sweep));
        tags.add(Tag.of("config", t.configName()));
        tags.add(Tag.of("kind", t.kind().wireName()));
        tags.add(Tag.of("seed", String.valueOf(t.seed())));
        tags.add(Tag.of("fold", t.fold() == null ? "none" : String.valueOf(t.fold())));
        t.settings().forEach((key, value) -> {
            if (!key.equals("fma")) { // the kind label says it; only averages carry the key
                tags.add(Tag.of(labelName(key), value));
            }
        });
        return Tags.of(tags);
    }

    /** {@code fgm -> trick_fgm}, {@code training.lr -> training_lr}, {@code tricks.fgm.epsilon -> trick_fgm_epsilon}. */
    static String labelName(String setting) {
        String name = setting.contains(".") ? setting : "trick_" + setting;
        name = name.replaceFirst("^tricks\\.", "trick_");
        return name.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    private void set(String name, Tags tags, double value) {
        String key = name + tags;
        Value holder = values.get(key);
        if (holder == null) {
            holder = new Value();
            values.put(key, holder);
            Gauge.builder(name, holder, h -> h.value).tags(tags).register(registry);
        }
        holder.value = value;
    }
}
