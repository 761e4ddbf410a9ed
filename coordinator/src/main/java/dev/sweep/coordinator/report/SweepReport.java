package dev.sweep.coordinator.report;

import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ablation report of a sweep, computed from its state alone (so from the event log, for a
 * finished sweep at any later time or one still running): per configuration, every metric as
 * mean and sample standard deviation over its seeds and folds, the gain over the baseline with a
 * paired t-test over matched seeds and folds, and the cost as ratios to the baseline. FMA
 * columns follow the configuration they average.
 */
public record SweepReport(String sweep, String metric, boolean higherIsBetter, List<String> metrics,
        List<Column> columns, List<String> problems) {
    public SweepReport {
        metrics = List.copyOf(metrics);
        columns = List.copyOf(columns);
        problems = List.copyOf(problems);
    }

    /** A metric over a configuration's trials. */
    public record Stat(int n, double mean, double std, double delta) {}

    /** A point of a learning curve: the mean of the primary metric over seeds at an optimizer step. */
    public record CurvePoint(int step, double mean) {}

    /**
     * One configuration.
     *
     * @param test the paired t-test of the primary metric against the baseline (null for the baseline)
     * @param msPerStep median over its trials of each trial's median ms per step (0: none, e.g. averages)
     * @param peakBytes the largest peak resident memory of its trials
     */
    public record Column(String config, boolean averaged, Map<String, Stat> stats, PairedTTest test,
            double msPerStep, double msRatio, long peakBytes, double memoryRatio, int finished, int failed, int total,
            List<CurvePoint> curve) {
        public Column {
            stats = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stats));
            curve = List.copyOf(curve);
        }

        public Stat primary(String metric) {
            return stats.getOrDefault(metric, new Stat(0, Double.NaN, Double.NaN, Double.NaN));
        }
    }

    public Column column(String config) {
        return columns.stream().filter(c -> c.config().equals(config)).findFirst().orElse(null);
    }

    /**
     * @param order configuration names in table order (the plan's); others follow in log order,
     *     the baseline first
     */
    public static SweepReport of(SweepState state, List<String> order) {
        Map<String, List<TrialView>> byConfig = new LinkedHashMap<>();
        for (TrialView t : state.trials()) {
            byConfig.computeIfAbsent(t.configName(), k -> new ArrayList<>()).add(t);
        }
        String metric = null;
        boolean higher = true;
        Set<String> metrics = new LinkedHashSet<>();
        for (TrialView t : state.trials()) {
            if (t.result() != null) {
                if (metric == null) {
                    metric = t.result().primaryMetric();
                    higher = t.result().higherIsBetter();
                    metrics.add(metric);
                }
                metrics.addAll(t.result().best().keySet());
            }
        }
        metric = metric == null ? "metric" : metric;
        List<String> names = columnOrder(byConfig, order);
        List<TrialView> base = byConfig.getOrDefault(SweepPlanner.BASELINE, List.of());
        Column baseColumn = base.isEmpty() ? null : column(SweepPlanner.BASELINE, base, metrics, metric, null, null);
        List<Column> columns = new ArrayList<>();
        for (String name : names) {
            columns.add(name.equals(SweepPlanner.BASELINE) ? baseColumn
                    : column(name, byConfig.get(name), metrics, metric, baseColumn, base));
        }
        List<String> problems = new ArrayList<>();
        for (TrialView t : state.trials()) {
            if (t.state() == TrialState.DEAD) {
                problems.add(t.configName() + " seed " + t.seed() + (t.fold() == null ? "" : " fold " + t.fold())
                        + " failed after " + t.attempt() + " attempt(s): " + t.error());
            }
        }
        return new SweepReport(state.sweepId(), metric, higher, new ArrayList<>(metrics), columns, problems);
    }

    private static List<String> columnOrder(Map<String, List<TrialView>> byConfig, List<String> order) {
        List<String> names = new ArrayList<>();
        if (byConfig.containsKey(SweepPlanner.BASELINE)) {
            names.add(SweepPlanner.BASELINE);
        }
        order.stream().filter(byConfig::containsKey).filter(n -> !names.contains(n)).forEach(names::add);
        // without the plan (a report from the log alone): single tricks, then combinations, by name
        byConfig.keySet().stream().filter(n -> !names.contains(n))
                .sorted(java.util.Comparator.comparingInt((String n) -> n.split("\\+").length).thenComparing(n -> n))
                .forEach(names::add);
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (byConfig.get(n).get(0).kind() == TrialKind.TRAIN) {
                out.add(n);
                if (byConfig.containsKey(n + "+fma")) {
                    out.add(n + "+fma");
                }
            }
        }
        byConfig.keySet().stream().filter(n -> !out.contains(n)).forEach(out::add); // averages of unknown configs
        return out;
    }

    /**
     * @param baseColumn the baseline's column, for gains and cost ratios; null for the baseline
     *     itself (its ratios are 1) or when the sweep has none (no ratios)
     */
    private static Column column(String name, List<TrialView> trials, Set<String> metrics, String primary,
            Column baseColumn, List<TrialView> baseTrials) {
        Map<String, Stat> stats = stats(trials, metrics, baseColumn == null ? Map.of() : baseColumn.stats());
        PairedTTest test = baseTrials == null ? null : pairedTest(trials, baseTrials, primary);
        List<Double> ms = new ArrayList<>();
        long peak = 0;
        int finished = 0;
        int failed = 0;
        for (TrialView t : trials) {
            TrialResult r = t.result();
            if (r != null) {
                finished++;
                if (r.msPerStep() > 0) {
                    ms.add(r.msPerStep());
                }
                peak = Math.max(peak, r.peakNativeBytes());
            }
            failed += t.state() == TrialState.DEAD ? 1 : 0;
        }
        double msPerStep = median(ms);
        boolean isBase = name.equals(SweepPlanner.BASELINE);
        double msRatio = isBase ? ratio(msPerStep, msPerStep)
                : baseColumn == null ? Double.NaN : ratio(msPerStep, baseColumn.msPerStep());
        double memRatio = isBase ? ratio(peak, peak)
                : baseColumn == null ? Double.NaN : ratio(peak, baseColumn.peakBytes());
        return new Column(name, trials.get(0).kind() == TrialKind.AVERAGE, stats, test, msPerStep, msRatio, peak,
                memRatio, finished, failed, trials.size(), curve(trials, primary));
    }

    /** A cost as a multiple of the baseline's; unknown where either figure is missing. */
    private static double ratio(double value, double base) {
        return value <= 0 || base <= 0 ? Double.NaN : value / base;
    }

    private static Map<String, Stat> stats(List<TrialView> trials, Set<String> metrics, Map<String, Stat> base) {
        Map<String, Stat> out = new LinkedHashMap<>();
        for (String m : metrics) {
            List<Double> values = new ArrayList<>();
            for (TrialView t : trials) {
                if (t.result() != null && t.result().best().containsKey(m)) {
                    values.add(t.result().best().get(m));
                }
            }
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double std = Double.NaN;
            if (values.size() >= 2) {
                std = Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1));
            }
            Stat b = base.get(m);
            out.put(m, new Stat(values.size(), mean, std, b == null ? Double.NaN : mean - b.mean()));
        }
        return out;
    }

    /** Pairs trials with the baseline's of the same seed and fold. */
    private static PairedTTest pairedTest(List<TrialView> trials, List<TrialView> base, String metric) {
        Map<String, Double> baseByKey = new TreeMap<>();
        for (TrialView b : base) {
            if (b.result() != null) {
                baseByKey.put(b.seed() + "/" + b.fold(), b.result().best().get(metric));
            }
        }
        List<double[]> pairs = new ArrayList<>();
        for (TrialView t : trials) {
            Double b = baseByKey.get(t.seed() + "/" + t.fold());
            if (t.result() != null && b != null && t.kind() == TrialKind.TRAIN) {
                pairs.add(new double[] {t.result().best().get(metric), b});
            }
        }
        return PairedTTest.of(pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray());
    }

    /** The primary metric by step, averaged over the trials that evaluated at that step. */
    private static List<CurvePoint> curve(List<TrialView> trials, String metric) {
        Map<Integer, double[]> sums = new TreeMap<>();
        for (TrialView t : trials) {
            for (EvalPoint p : t.history()) {
                Double v = p.metrics().get(metric);
                if (v != null) {
                    double[] s = sums.computeIfAbsent(p.step(), k -> new double[2]);
                    s[0] += v;
                    s[1]++;
                }
            }
        }
        List<CurvePoint> out = new ArrayList<>();
        sums.forEach((step, s) -> out.add(new CurvePoint(step, s[0] / s[1])));
        return out;
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return 0;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
