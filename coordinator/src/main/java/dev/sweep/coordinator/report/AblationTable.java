package dev.sweep.coordinator.report;

import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ablation table of a sweep: per configuration, the primary metric as mean and sample
 * standard deviation over its seeds (and folds), the gain over the baseline, and the cost as
 * ratios to the baseline. FMA rows sit right after the configuration they average.
 */
public record AblationTable(String metric, boolean higherIsBetter, List<AblationRow> rows) {
    public AblationTable {
        rows = List.copyOf(rows);
    }

    /**
     * @param order configuration names in the order the rows should follow (the plan's); names
     *     not in it follow in log order, the baseline always first
     */
    public static AblationTable of(SweepState state, List<String> order) {
        Map<String, List<TrialView>> byConfig = new LinkedHashMap<>();
        for (TrialView t : state.trials()) {
            byConfig.computeIfAbsent(t.configName(), k -> new ArrayList<>()).add(t);
        }
        String metric = null;
        boolean higher = true;
        for (TrialView t : state.trials()) {
            if (t.result() != null) {
                metric = t.result().primaryMetric();
                higher = t.result().higherIsBetter();
                break;
            }
        }
        List<AblationRow> rows = new ArrayList<>();
        double baseMean = Double.NaN;
        List<String> names = new ArrayList<>();
        if (byConfig.containsKey(SweepPlanner.BASELINE)) {
            names.add(SweepPlanner.BASELINE);
        }
        order.stream().filter(byConfig::containsKey).filter(n -> !names.contains(n)).forEach(names::add);
        byConfig.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        List<String> rowsInOrder = new ArrayList<>();
        for (String n : names) {
            if (byConfig.get(n).get(0).kind() == TrialKind.TRAIN) {
                rowsInOrder.add(n);
                if (byConfig.containsKey(n + "+fma")) {
                    rowsInOrder.add(n + "+fma");
                }
            }
        }
        for (String name : rowsInOrder) {
            AblationRow row = row(name, byConfig.get(name));
            rows.add(row);
            if (name.equals(SweepPlanner.BASELINE)) {
                baseMean = row.mean();
            }
        }
        List<AblationRow> withDelta = new ArrayList<>();
        for (AblationRow r : rows) {
            withDelta.add(new AblationRow(r.config(), r.averaged(), r.values(), r.mean(), r.std(), r.mean() - baseMean,
                    r.msPerStep(), r.peakBytes(), r.finished(), r.failed(), r.total()));
        }
        return new AblationTable(metric == null ? "metric" : metric, higher, withDelta);
    }

    private static AblationRow row(String name, List<TrialView> trials) {
        List<Double> values = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        long peak = 0;
        int failed = 0;
        for (TrialView t : trials) {
            TrialResult r = t.result();
            if (r != null) {
                values.add(r.bestPrimary());
                if (r.msPerStep() > 0) {
                    ms.add(r.msPerStep());
                }
                peak = Math.max(peak, r.peakNativeBytes());
            }
            if (t.state() == TrialState.DEAD) {
                failed++;
            }
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double std = Double.NaN;
        if (values.size() >= 2) {
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            std = Math.sqrt(ss / (values.size() - 1));
        }
        return new AblationRow(name, trials.get(0).kind() == TrialKind.AVERAGE, values, mean, std, Double.NaN,
                median(ms), peak, values.size(), failed, trials.size());
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return 0;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    public AblationRow row(String config) {
        return rows.stream().filter(r -> r.config().equals(config)).findFirst().orElse(null);
    }

    /** A plain-text table for the terminal and logs. */
    public String render() {
        AblationRow base = row(SweepPlanner.BASELINE);
        StringBuilder b = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-28s %5s  %-17s %9s  %12s  %14s", "configuration", "done",
                metric + (higherIsBetter ? " (higher better)" : " (lower better)"), "delta", "ms/step", "peak MiB");
        b.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (AblationRow r : rows) {
            String value = Double.isNaN(r.mean()) ? "-" : Double.isNaN(r.std())
                    ? String.format(Locale.ROOT, "%.4f", r.mean())
                    : String.format(Locale.ROOT, "%.4f +- %.4f", r.mean(), r.std());
            String delta = Double.isNaN(r.delta()) || r.config().equals(SweepPlanner.BASELINE) ? ""
                    : String.format(Locale.ROOT, "%+.4f", r.delta());
            String ms = r.msPerStep() <= 0 ? "-" : ratio(String.format(Locale.ROOT, "%.0f", r.msPerStep()),
                    base == null ? 0 : r.msPerStep() / base.msPerStep(), r == base);
            String mem = r.peakBytes() <= 0 ? "-" : ratio(String.valueOf(r.peakBytes() >> 20),
                    base == null || base.peakBytes() == 0 ? 0 : (double) r.peakBytes() / base.peakBytes(), r == base);
            String done = r.finished() + "/" + r.total() + (r.failed() > 0 ? " (" + r.failed() + " failed)" : "");
            b.append(String.format(Locale.ROOT, "%-28s %5s  %-17s %9s  %12s  %14s", r.config(), done, value, delta,
                    ms, mem)).append('\n');
        }
        return b.toString();
    }

    private static String ratio(String value, double ratio, boolean isBase) {
        return isBase || ratio <= 0 || !Double.isFinite(ratio) ? value
                : value + String.format(Locale.ROOT, " x%.2f", ratio);
    }
}
