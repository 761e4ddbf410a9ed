package dev.sweep.coordinator.report;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialEnvironment;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.report.Comparing.Design;
import dev.sweep.coordinator.report.Comparing.Pair;
import dev.sweep.coordinator.report.SweepReport.Column;
import dev.sweep.coordinator.report.SweepReport.Cost;
import dev.sweep.coordinator.report.SweepReport.CurvePoint;
import dev.sweep.coordinator.report.SweepReport.SeedValue;
import dev.sweep.coordinator.report.SweepReport.Stat;
import dev.sweep.coordinator.report.stats.Comparison;
import dev.sweep.coordinator.report.stats.CorrectedResampledTTest;
import dev.sweep.coordinator.report.stats.HolmCorrection;
import dev.sweep.coordinator.report.stats.OneSampleTTest;
import dev.sweep.coordinator.report.stats.PairedTTest;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.AveragedConfigurations;
import dev.sweep.coordinator.state.TrialView;
import dev.sweep.coordinator.strategy.Objective;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builds a {@link SweepReport} from a sweep's state: the columns, their comparisons, Holm over the table, the words. */
final class ReportBuilder {
    private final SweepState state;
    private final Map<String, List<TrialView>> byConfig = new LinkedHashMap<>();
    private final Map<String, TrialView> byId = new LinkedHashMap<>();
    /** Each trained configuration's averaged one (FMA), by the averages' members. */
    private Map<String, String> averageOf = Map.of();
    private String metric;
    private boolean higher = true;
    private final Set<String> metrics = new LinkedHashSet<>();
    private String reference;
    private Design design;
    private boolean foldsInferred;
    /** How many tests Holm's correction adjusted together. */
    private int familySize;
    private final List<String> warnings = new ArrayList<>();

    private ReportBuilder(SweepState state) {
        this.state = state;
    }

    static SweepReport build(SweepState state, List<String> order, ReportPlan plan) {
        return new ReportBuilder(state).report(order, plan);
    }

    private SweepReport report(List<String> order, ReportPlan plan) {
        averageOf = AveragedConfigurations.of(state.trials());
        for (TrialView t : state.trials()) {
            byConfig.computeIfAbsent(t.configName(), k -> new ArrayList<>()).add(t);
            byId.put(t.trialId(), t);
            if (t.result() != null) {
                if (metric == null) {
                    metric = t.result().primaryMetric();
                    higher = t.result().higherIsBetter();
                    metrics.add(metric);
                }
                metrics.addAll(t.result().best().keySet());
                metrics.addAll(t.result().last().keySet());
            }
        }
        metric = metric == null ? "metric" : metric;
        // a log written before report settings were carried: base if it has one, the last evaluation
        reference = plan != null ? plan.reference() : byConfig.containsKey(SweepPlanner.BASELINE) ? SweepPlanner.BASELINE
                : null;
        Checkpoint select = plan != null ? plan.select() : Checkpoint.LAST;
        design = new Design(higher, folds(plan), select);
        List<Column> columns = new ArrayList<>();
        Cost referenceCost = reference != null && byConfig.containsKey(reference)
                ? cost(byConfig.get(reference), null, true) : null;
        for (String name : columnOrder(order)) {
            List<TrialView> trials = byConfig.get(name);
            columns.add(trials.get(0).kind() == TrialKind.AVERAGE ? averageColumn(name, trials, referenceCost)
                    : trainColumn(name, trials, referenceCost));
        }
        columns = holm(columns);
        List<Verdicts.Compared> compared = new ArrayList<>();
        List<Column> worded = new ArrayList<>();
        for (Column c : columns) {
            String verdict = verdict(c);
            worded.add(new Column(c.config(), c.averaged(), c.stats(), c.other(), c.values(), c.test(), c.testUnits(),
                    c.members(), verdict, c.cost(), c.finished(), c.failed(), c.total(), c.skippedSteps(), c.curve()));
            if (!c.averaged() && c.test() != null) {
                compared.add(new Verdicts.Compared(c.config(), c.test(), seeds(c), folds(c)));
            }
        }
        String method = design.hasFolds() ? "corrected resampled t-tests" : "paired t-tests";
        List<String> headline = Verdicts.headline(reference, compared, design.hasFolds(), method);
        warnings.addAll(0, costWarnings());
        warnings.addAll(mixedEnvironments());
        if (foldsInferred) {
            warnings.add("The log does not say the number of folds K (written before it was carried); K = "
                    + design.folds() + " is inferred from the largest fold number, which underestimates it while "
                    + "folds are missing.");
        }
        List<SweepReport.PrunedTrial> pruned = pruned();
        SeedStops.Replay decisions = SeedStops.of(state, plan, new Objective(metric, higher, select));
        if (decisions.cannot() != null) {
            warnings.add("Seeds until decided: the log does not fit its rule (" + decisions.cannot() + "), so the "
                    + "decisions are not shown.");
        }
        Interactions interactions = Factorial.of(state.trials(), metric, higher, select);
        List<String> methods = methods(worded);
        if (!pruned.isEmpty()) {
            methods.add(prunedMethod(pruned));
        }
        if (!decisions.stops().isEmpty()) {
            methods.add(SeedStops.method(plan.decide(), reference, decisions.stops().size()));
        }
        if (interactions != null) {
            methods.add(Factorial.method(interactions, metric));
        }
        return new SweepReport(state.sweepId(), metric, higher, reference, select, design.folds(),
                new ArrayList<>(metrics), worded, headline, methods, warnings, problems(), pruned, decisions.stops(),
                interactions, Worth.of(worded, reference));
    }

    /** The trials the pruner stopped, in log order, each with its reason and the evaluations it made. */
    private List<SweepReport.PrunedTrial> pruned() {
        List<SweepReport.PrunedTrial> out = new ArrayList<>();
        for (TrialView t : state.trials()) {
            if (t.state() == TrialState.PRUNED) {
                out.add(new SweepReport.PrunedTrial(t.configName(), t.seed(), t.fold(), t.trialId(), t.history().size(),
                        t.stopReason() == null || t.stopReason().isBlank() ? "no reason recorded" : t.stopReason()));
            }
        }
        return out;
    }

    /** Why the pruned trials are missing from the figures, in words. */
    private static String prunedMethod(List<SweepReport.PrunedTrial> pruned) {
        return "Pruned: " + trialsWord(pruned.size()) + " stopped by the pruner on " + (pruned.size() == 1 ? "its" : "their")
                + " intermediate evaluations (listed with the pruner's reasons). A pruned trial has no result, so it "
                + "enters no mean, no gain, no test and no interval; its seed's pair with the reference goes unmatched. "
                + "The pruner stops the trials that look worst early, so the remaining seeds of a configuration are "
                + "its better ones: a configuration with pruned trials may look better than it is.";
    }

    private Integer folds(ReportPlan plan) {
        if (plan != null && plan.folds() != null) {
            return plan.folds();
        }
        int max = state.trials().stream().filter(t -> t.fold() != null).mapToInt(TrialView::fold).max().orElse(-1);
        if (max < 0) {
            return null;
        }
        foldsInferred = true;
        return Math.max(2, max + 1);
    }

    /** The reference first, then the plan's order, then the rest; each averaged model right after its configuration. */
    private List<String> columnOrder(List<String> order) {
        List<String> names = new ArrayList<>();
        if (reference != null && byConfig.containsKey(reference)) {
            names.add(reference);
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
                String average = averageOf.get(n);
                if (average != null && byConfig.containsKey(average)) {
                    out.add(average);
                }
            }
        }
        byConfig.keySet().stream().filter(n -> !out.contains(n)).forEach(out::add); // averages of unknown configs
        return out;
    }

    private Column trainColumn(String name, List<TrialView> trials, Cost referenceCost) {
        boolean compared = reference != null && !name.equals(reference);
        List<TrialView> ref = compared ? byConfig.getOrDefault(reference, List.of()) : List.of();
        Map<String, Stat> stats = new LinkedHashMap<>();
        for (String m : metrics) {
            stats.put(m, stat(trials, ref, m, design.select(), compared, true));
        }
        Stat other = stat(trials, ref, metric, design.select().other(), compared, true);
        Comparison test = null;
        List<String> units = List.of();
        if (compared) {
            List<Pair> pairs = Comparing.match(trials, ref, metric, design.select(), true);
            test = Comparing.test(reference, pairs, design).because(whyUntested(trials, ref));
            units = Comparing.unitLabels(pairs, design);
        }
        int nan = Comparing.unusable(trials, metric, design.select());
        if (nan > 0) {
            warnings.add(name + ": " + metric + " is NaN in " + trialsWord(nan) + " (" + unusableLabels(trials)
                    + "), left out of its mean and its test.");
        }
        int skipped = skippedSteps(name, trials);
        return new Column(name, false, stats, other, values(trials, true), test, units, null, "", cost(trials,
                referenceCost, name.equals(reference)), finished(trials), failed(trials), trials.size(), skipped,
                curve(trials));
    }

    private Column averageColumn(String name, List<TrialView> trials, Cost referenceCost) {
        String referenceAverage = reference == null ? null : averageOf.get(reference);
        boolean compared = referenceAverage != null && !name.equals(referenceAverage);
        List<TrialView> ref = compared ? byConfig.getOrDefault(referenceAverage, List.of()) : List.of();
        Map<String, Stat> stats = new LinkedHashMap<>();
        for (String m : metrics) {
            stats.put(m, stat(trials, ref, m, design.select(), compared, false));
        }
        Comparison test = null;
        List<String> units = List.of();
        if (compared) {
            List<Pair> pairs = Comparing.match(trials, ref, metric, design.select(), false);
            test = Comparing.test(referenceAverage, pairs, design);
            if (!design.hasFolds() && pairs.size() == 1) {
                test = test.untested("one averaged model each: no test");
            } else {
                test = test.because(ref.stream().anyMatch(t -> t.result() != null) ? null
                        : referenceAverage + " has no finished trial");
            }
            units = Comparing.unitLabels(pairs, design);
        }
        Comparison members = Comparing.members(trials, byId, metric, design);
        if (Comparing.unusable(trials, metric, design.select()) > 0) {
            warnings.add(name + ": " + metric + " is NaN in " + trialsWord(Comparing.unusable(trials, metric,
                    design.select())) + ", left out of its mean and its tests.");
        }
        return new Column(name, true, stats, Stat.NONE, values(trials, false), test, units, members, "",
                cost(trials, referenceCost, false), finished(trials), failed(trials), trials.size(), 0, curve(trials));
    }

    /** Why a comparison may have no test beyond its count of pairs: a NaN metric, a reference without results. */
    private String whyUntested(List<TrialView> trials, List<TrialView> ref) {
        if (ref.stream().noneMatch(t -> t.result() != null)) {
            return reference + " has no finished trial";
        }
        int nan = Comparing.unusable(trials, metric, design.select()) + Comparing.unusable(ref, metric, design.select());
        return nan == 0 ? null : "metric NaN in " + trialsWord(nan);
    }

    private Stat stat(List<TrialView> trials, List<TrialView> ref, String m, Checkpoint select, boolean compared,
            boolean bySeed) {
        List<Double> values = new ArrayList<>();
        for (TrialView t : trials) {
            Double v = Comparing.value(t, m, select);
            if (Comparing.usable(v)) {
                values.add(v);
            }
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double std = Double.NaN;
        if (values.size() >= 2) {
            std = Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1));
        }
        int pairs = 0;
        double improvement = Double.NaN;
        if (compared) {
            List<Pair> matched = Comparing.match(trials, ref, m, select, bySeed);
            pairs = matched.size();
            improvement = Comparing.improvement(matched, new Design(higher, design.folds(), select));
        }
        return new Stat(values.size(), mean, std, Comparing.unusable(trials, m, select), pairs, improvement);
    }

    /** Every comparison with a test, adjusted together: the family is the table. */
    private List<Column> holm(List<Column> columns) {
        List<Comparison> tested = new ArrayList<>();
        for (Column c : columns) {
            for (Comparison x : new Comparison[] {c.test(), c.members()}) {
                if (x != null && x.tested()) {
                    tested.add(x);
                }
            }
        }
        double[] adjusted = HolmCorrection.adjust(tested.stream().mapToDouble(Comparison::p).toArray());
        Map<Comparison, Double> byComparison = new java.util.IdentityHashMap<>();
        for (int i = 0; i < adjusted.length; i++) {
            byComparison.put(tested.get(i), adjusted[i]);
        }
        familySize = tested.size();
        List<Column> out = new ArrayList<>();
        for (Column c : columns) {
            Comparison test = c.test() != null && byComparison.containsKey(c.test())
                    ? c.test().withHolm(byComparison.get(c.test()), tested.size()) : c.test();
            Comparison members = c.members() != null && byComparison.containsKey(c.members())
                    ? c.members().withHolm(byComparison.get(c.members()), tested.size()) : c.members();
            out.add(new Column(c.config(), c.averaged(), c.stats(), c.other(), c.values(), test, c.testUnits(), members,
                    c.verdict(), c.cost(), c.finished(), c.failed(), c.total(), c.skippedSteps(), c.curve()));
        }
        return out;
    }

    private String verdict(Column c) {
        if (c.config().equals(reference)) {
            return "reference";
        }
        if (c.averaged()) {
            String words = "averaging: " + Verdicts.vsMembers(c.members());
            if (c.test() != null && c.test().tested()) {
                words += "; against " + c.test().against() + ": " + c.test().verdict().compact();
            }
            return words;
        }
        if (c.test() == null) {
            return "";
        }
        return Verdicts.vsReference(c.test(), reference, Verdicts.sample(seeds(c), folds(c)));
    }

    private int seeds(Column c) {
        return (int) pairsOf(c).stream().map(Pair::seed).distinct().count();
    }

    private int folds(Column c) {
        return design.hasFolds() ? (int) pairsOf(c).stream().map(Pair::fold).distinct().count() : 0;
    }

    private List<Pair> pairsOf(Column c) {
        return Comparing.match(byConfig.get(c.config()), byConfig.getOrDefault(reference, List.of()), metric,
                design.select(), true);
    }

    private List<String> methods(List<Column> columns) {
        List<String> out = new ArrayList<>();
        String environments = environments();
        if (environments != null) {
            out.add(environments);
        }
        String ref = reference == null ? "the reference" : "`" + reference + "`";
        out.add("Each cell: mean +- sample sd over seeds" + (design.hasFolds() ? " and folds" : "") + " at each trial's "
                + SweepReport.evaluation(design.select()) + " (report.select: " + SweepReport.lower(design.select())
                + "); in brackets the difference from " + ref + " over the matched pairs only, said as better or worse in "
                + "the metric's own direction (" + metric + ": " + (higher ? "higher" : "lower") + " is better; every "
                + "metric of a task shares that direction); * = distinguishable after Holm's correction.");
        if (design.hasFolds()) {
            out.add("Test: " + CorrectedResampledTTest.METHOD + " (Nadeau and Bengio 2003) over the K = "
                    + design.folds() + " folds: variance x (1/J + 1/(K-1)) with J the folds compared, df = J - 1. A "
                    + "fold's difference is the mean over its matched seeds: the seeds of a fold share its split, so they "
                    + "are not the repetitions of repeated cross-validation (Bouckaert and Frank's r x k correction would "
                    + "count them as such).");
        } else {
            out.add("Test: two-sided " + PairedTTest.METHOD + " over the seeds matched with the reference's, df = n - 1.");
        }
        if (columns.stream().anyMatch(Column::averaged)) {
            out.add("Averaged models (FMA, the average of a configuration's seed models' weights): against the members "
                    + "they average (their best checkpoints, the weights averaged), "
                    + (design.hasFolds() ? "per fold the averaged model's difference from its members' mean, then the "
                    + "corrected resampled t-test over folds" : OneSampleTTest.METHOD + " (k >= "
                    + OneSampleTTest.MIN_MEMBERS + " members; with fewer, its place among them in words)")
                    + "; against " + (reference == null || averageOf.get(reference) == null ? "the reference's average"
                            : "`" + averageOf.get(reference) + "`") + ": "
                    + (design.hasFolds() ? "the corrected resampled t-test over folds" : "one averaged model each, "
                    + "no test") + ".");
        }
        out.add("Multiple comparisons: Holm's step-down method over the " + familySize + " test"
                + (familySize == 1 ? "" : "s") + " of this table, family-wise alpha 0.05; raw and Holm-adjusted p "
                + "both shown.");
        out.add("Power: the smallest detectable difference and the seeds needed are for 80% power at two-sided alpha "
                + "0.05, exact (noncentral t), from the observed sd of the differences.");
        return out;
    }

    /** Device, threads and engine of each finished trial, said once per distinct environment. */
    private String environments() {
        Map<String, Integer> count = new java.util.TreeMap<>();
        int unknown = 0;
        for (TrialView t : state.trials()) {
            if (t.result() == null) {
                continue;
            }
            TrialEnvironment e = t.result().environment();
            if (e == null) {
                unknown++;
            } else {
                count.merge(label(e), 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        count.forEach((env, n) -> parts.add(env + " (" + trialsWord(n) + ")"));
        if (unknown > 0) {
            parts.add("not recorded (" + trialsWord(unknown) + ", from workers older than the record)");
        }
        return parts.isEmpty() ? null : "Trained on: " + String.join("; ", parts) + ". The same trial in the same "
                + "environment gives the same metrics to the last bit.";
    }

    /** One environment in words: device, threads and engine. */
    private static String label(TrialEnvironment e) {
        return e.describe() + ", " + e.engine();
    }

    /**
     * A configuration whose trials trained in different environments: their differences are then
     * partly the device's or the thread count's (sums taken in another order), not the seed's.
     */
    private List<String> mixedEnvironments() {
        List<String> out = new ArrayList<>();
        byConfig.forEach((name, trials) -> {
            Set<String> seen = new java.util.TreeSet<>();
            for (TrialView t : trials) {
                if (t.result() != null && t.result().environment() != null) {
                    TrialEnvironment e = t.result().environment();
                    seen.add(label(e));
                }
            }
            if (seen.size() > 1) {
                out.add(name + ": its trials trained in " + seen.size() + " environments (" + String.join("; ", seen)
                        + "); part of its spread is the environment's, not the seeds'.");
            }
        });
        return out;
    }

    private List<String> costWarnings() {
        Set<String> workers = new java.util.TreeSet<>();
        for (TrialView t : state.trials()) {
            if (t.result() != null && t.worker() != null && t.result().msPerStep() > 0) {
                workers.add(t.worker());
            }
        }
        if (workers.size() <= 1) {
            return List.of();
        }
        return List.of("Trials ran on " + workers.size() + " workers (" + String.join(", ", workers) + "): workers on one "
                + "machine share its cores, so ms per step and its ratios are rough.");
    }

    private int skippedSteps(String name, List<TrialView> trials) {
        int total = 0;
        List<String> which = new ArrayList<>();
        for (TrialView t : trials) {
            if (t.result() != null && t.result().skippedSteps() > 0) {
                total += t.result().skippedSteps();
                which.add("seed " + t.seed() + (t.fold() == null ? "" : " fold " + t.fold()) + ": "
                        + t.result().skippedSteps() + " (" + t.trialId() + ")");
            }
        }
        if (total > 0) {
            warnings.add(name + ": " + total + " training step" + (total == 1 ? "" : "s") + " skipped for a non-finite "
                    + "gradient (" + String.join(", ", which) + "); its figures come from fewer updates.");
        }
        return total;
    }

    private List<String> problems() {
        List<String> out = new ArrayList<>();
        for (TrialView t : state.trials()) {
            if (t.state() == TrialState.DEAD) {
                out.add(t.configName() + " seed " + t.seed() + (t.fold() == null ? "" : " fold " + t.fold())
                        + " failed after " + t.attempt() + " attempt(s): " + t.error());
            }
        }
        return out;
    }

    private List<SeedValue> values(List<TrialView> trials, boolean bySeed) {
        List<SeedValue> out = new ArrayList<>();
        for (TrialView t : trials) {
            if (t.result() != null) {
                Double v = Comparing.value(t, metric, design.select());
                out.add(new SeedValue(bySeed ? t.seed() : null, t.fold(), v == null ? Double.NaN : v));
            }
        }
        out.sort(java.util.Comparator.comparing((SeedValue v) -> v.fold() == null ? -1 : v.fold())
                .thenComparing(v -> v.seed() == null ? 0 : v.seed()));
        return out;
    }

    private String unusableLabels(List<TrialView> trials) {
        return String.join(", ", trials.stream().filter(t -> t.result() != null)
                .filter(t -> !Comparing.usable(Comparing.value(t, metric, design.select())))
                .map(t -> "seed " + t.seed() + (t.fold() == null ? "" : " fold " + t.fold())).toList());
    }

    private static String trialsWord(int n) {
        return n + (n == 1 ? " trial" : " trials");
    }

    private static int finished(List<TrialView> trials) {
        return (int) trials.stream().filter(t -> t.result() != null).count();
    }

    private static int failed(List<TrialView> trials) {
        return (int) trials.stream().filter(t -> t.state() == TrialState.DEAD).count();
    }

    /**
     * @param referenceCost the reference's, for the ratios; null when the sweep has none (no
     *     ratios)
     */
    private static Cost cost(List<TrialView> trials, Cost referenceCost, boolean isReference) {
        List<Double> ms = new ArrayList<>();
        long peak = 0;
        List<dev.sweep.common.trial.TrialTimes> times = new ArrayList<>();
        for (TrialView t : trials) {
            TrialResult r = t.result();
            if (r != null) {
                if (r.msPerStep() > 0) {
                    ms.add(r.msPerStep());
                }
                peak = Math.max(peak, r.peakNativeBytes());
                if (r.times() != null) {
                    times.add(r.times());
                }
            }
        }
        double median = median(ms);
        double min = ms.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = ms.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double msRatio = isReference ? ratio(median, median)
                : referenceCost == null ? Double.NaN : ratio(median, referenceCost.msPerStep());
        double memoryRatio = isReference ? ratio(peak, peak)
                : referenceCost == null ? Double.NaN : ratio(peak, referenceCost.peakBytes());
        return new Cost(median, min, max, ms.size(), msRatio, peak, memoryRatio, phases(times));
    }

    /** The mean of each phase over the trials that recorded their times; null when none did. */
    static SweepReport.Phases phases(List<dev.sweep.common.trial.TrialTimes> times) {
        if (times.isEmpty()) {
            return null;
        }
        int n = times.size();
        java.util.function.ToDoubleFunction<java.util.function.ToDoubleFunction<dev.sweep.common.trial.TrialTimes>> mean =
                f -> times.stream().mapToDouble(f).sum() / n;
        return new SweepReport.Phases(n, mean.applyAsDouble(dev.sweep.common.trial.TrialTimes::modelLoad),
                mean.applyAsDouble(dev.sweep.common.trial.TrialTimes::tokenize),
                mean.applyAsDouble(dev.sweep.common.trial.TrialTimes::setup),
                mean.applyAsDouble(dev.sweep.common.trial.TrialTimes::steps),
                mean.applyAsDouble(dev.sweep.common.trial.TrialTimes::evaluation),
                mean.applyAsDouble(dev.sweep.common.trial.TrialTimes::checkpoint),
                mean.applyAsDouble(dev.sweep.common.trial.TrialTimes::other),
                mean.applyAsDouble(dev.sweep.common.trial.TrialTimes::total));
    }

    /** A cost as a multiple of the reference's; unknown where either figure is missing. */
    private static double ratio(double value, double base) {
        return value <= 0 || base <= 0 ? Double.NaN : value / base;
    }

    /** The primary metric by step over the trials that evaluated there: mean, and the band min-max across seeds. */
    private List<CurvePoint> curve(List<TrialView> trials) {
        Map<Integer, List<Double>> byStep = new TreeMap<>();
        for (TrialView t : trials) {
            for (EvalPoint p : t.history()) {
                Double v = p.metrics().get(metric);
                if (Comparing.usable(v)) {
                    byStep.computeIfAbsent(p.step(), k -> new ArrayList<>()).add(v);
                }
            }
        }
        List<CurvePoint> out = new ArrayList<>();
        byStep.forEach((step, v) -> out.add(new CurvePoint(step, v.stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow(), v.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                v.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), v.size())));
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
