package dev.sweep.coordinator.report;

import static dev.sweep.common.trial.Checks.require;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.coordinator.decide.Decision;
import dev.sweep.coordinator.report.stats.Comparison;
import dev.sweep.coordinator.state.SweepState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ablation report of a sweep, computed from its state alone (so from the event log, for a
 * finished sweep at any later time or one still running). Per configuration: every metric as
 * mean and sample standard deviation over its seeds (and folds) at the chosen evaluation, every
 * seed's value, and the comparison with the reference: the improvement (positive = better in
 * the metric's own direction), its interval and its test all from the same matched pairs, the
 * p-value raw and adjusted by Holm's method over the table, the verdict in words with the
 * smallest difference the sweep could have detected and the seeds it would take. FMA columns
 * follow the configuration they average and are compared with its members and with the
 * reference's average. Costs as median and range, and as ratios to the reference.
 *
 * @param reference the configuration compared against; null when the sweep has none
 * @param select which evaluation of each trial the table uses
 * @param folds K when the sweep has folds (then the corrected resampled test applies), else null
 * @param headline what the report decides, in words: its first lines
 * @param methods the methods, named: the header
 * @param warnings what makes figures less trustworthy: skipped steps, NaN metrics, rough costs
 * @param problems trials that failed for good
 * @param pruned trials the pruner stopped on their intermediate results: they have no result, so
 *     they enter no mean, gain or test
 * @param decisions with seeds until decided, why each configuration stopped (or what it waits
 *     for); empty for other sweeps
 * @param interactions for a full two-level factorial over tricks, each trick's main effect and each
 *     pair's interaction; null for any other sweep
 * @param worth each configuration's gain against its cost relative to the reference, with the
 *     Pareto fronts; null when nothing is compared
 */
public record SweepReport(String sweep, String metric, boolean higherIsBetter, String reference, Checkpoint select,
        Integer folds, List<String> metrics, List<Column> columns, List<String> headline, List<String> methods,
        List<String> warnings, List<String> problems, List<PrunedTrial> pruned, List<SeedStop> decisions,
        Interactions interactions, Worth worth) {
    public SweepReport {
        metrics = List.copyOf(metrics);
        columns = List.copyOf(columns);
        headline = List.copyOf(headline);
        methods = List.copyOf(methods);
        warnings = List.copyOf(warnings);
        problems = List.copyOf(problems);
        pruned = List.copyOf(pruned);
        decisions = List.copyOf(decisions);
    }

    /**
     * A trial the pruner stopped.
     *
     * @param evaluations the evaluations it made before it was stopped: what the pruner judged
     * @param reason the pruner's reason, as the log has it
     */
    public record PrunedTrial(String config, long seed, Integer fold, String trialId, int evaluations, String reason) {
        public PrunedTrial {
            require(evaluations >= 0, trialId + ": a pruned trial's evaluations must be >= 0, but got " + evaluations);
        }

        /** seed 2, or seed 2 fold 1. */
        public String label() {
            return "seed " + seed + (fold == null ? "" : " fold " + fold);
        }
    }

    /**
     * Where one configuration of a seeds-until-decided sweep stands against the reference.
     *
     * @param seedsRun seeds given to it (finished or not)
     * @param pairs its completed seeds matched with the reference's same seeds
     * @param waiting whether some of those seeds are still training
     * @param why the decision in words, with its difference and interval (or what it waits for)
     */
    public record SeedStop(String config, Decision decision, int seedsRun, int pairs, boolean waiting, String why) {
        public SeedStop {
            require(pairs <= seedsRun, config + ": pairs (" + pairs + ") cannot outnumber the seeds run (" + seedsRun
                    + ")");
        }

        /** Why it stopped, in two or three words: decided better, equivalent, out of seeds; or still undecided. */
        public String stopped() {
            return switch (decision) {
                case BETTER -> "decided better";
                case WORSE -> "decided worse";
                case EQUIVALENT -> "equivalent";
                case OUT_OF_SEEDS -> "out of seeds";
                case UNDECIDED -> waiting ? "undecided, running" : "undecided";
            };
        }
    }

    /** How many of a configuration's trials were pruned. */
    public int prunedIn(String config) {
        return (int) pruned.stream().filter(p -> p.config().equals(config)).count();
    }

    /** A configuration's seeds-until-decided status, or null (the reference, or another kind of sweep). */
    public SeedStop decision(String config) {
        return decisions.stream().filter(d -> d.config().equals(config)).findFirst().orElse(null);
    }

    /**
     * A metric over a configuration's trials.
     *
     * @param n the trials with a finite value
     * @param nan the finished trials whose value is NaN (or missing), left out
     * @param pairs the matched pairs behind {@code improvement}
     * @param improvement the mean improvement over the reference on the matched pairs only,
     *     positive = better; NaN without pairs (or for the reference)
     */
    public record Stat(int n, double mean, double std, int nan, int pairs, double improvement) {
        static final Stat NONE = new Stat(0, Double.NaN, Double.NaN, 0, 0, Double.NaN);
    }

    /**
     * One trial's value of the primary metric.
     *
     * @param seed null for an averaged model (its trial carries only its first member's seed)
     */
    public record SeedValue(Long seed, Integer fold, double value) {
        /** s1, s1/f0 with folds; an averaged model: f0, or fma without folds. */
        public String label() {
            if (seed == null) {
                return fold == null ? "fma" : "f" + fold;
            }
            return "s" + seed + (fold == null ? "" : "/f" + fold);
        }
    }

    /** A point of a learning curve: the primary metric over the trials that evaluated at a step. */
    public record CurvePoint(int step, double mean, double min, double max, int n) {}

    /**
     * What a configuration cost.
     *
     * @param msPerStep the median over its trials of each trial's median ms per optimizer step
     *     (0: none, e.g. averaged models, which do not train)
     * @param msMin the fastest trial's, {@code msMax} the slowest's
     * @param timed the trials behind them
     * @param peakBytes the largest peak resident memory of its trials
     * @param time where its trials' wall time went, on average; null when no trial recorded it
     */
    public record Cost(double msPerStep, double msMin, double msMax, int timed, double msRatio, long peakBytes,
            double memoryRatio, Phases time) {
        public Cost {
            require(timed == 0 || msMin <= msPerStep && msPerStep <= msMax,
                    "a median lies within its range, but got " + msPerStep + " outside [" + msMin + ", " + msMax + "]");
        }
    }

    /**
     * The mean seconds per trial of each phase over a configuration's trials that recorded them
     * (the worker's {@code TrialTimes}); {@code other} is what no phase covers.
     */
    public record Phases(int trials, double modelLoad, double tokenize, double setup, double steps, double evaluation,
            double checkpoint, double other, double total) {
        public Phases {
            require(trials > 0, "phases are a mean over at least one trial, but got " + trials);
        }

        /** The share of the wall time that is not training steps. */
        public double overheadShare() {
            return total <= 0 ? 0 : (total - steps) / total;
        }
    }

    /**
     * One configuration.
     *
     * @param stats per metric, at the report's evaluation ({@link SweepReport#select()})
     * @param other the primary metric at the other evaluation (the best checkpoint, when the
     *     table uses the last: an optimistic figure, chosen on the split it is scored on)
     * @param values every trial's primary value, by seed (and fold)
     * @param test against the reference (an averaged model: against the reference's average);
     *     null for the reference itself and when the sweep has none
     * @param testUnits a label per difference of {@code test}: s1, or f0 with folds
     * @param members an averaged model against the members it averages; null for the others
     * @param verdict what the comparison decides, in words
     * @param skippedSteps training steps dropped because their gradient was not finite
     */
    public record Column(String config, boolean averaged, Map<String, Stat> stats, Stat other, List<SeedValue> values,
            Comparison test, List<String> testUnits, Comparison members, String verdict, Cost cost, int finished,
            int failed, int total, int skippedSteps, List<CurvePoint> curve) {
        public Column {
            require(finished + failed <= total, config + ": finished (" + finished + ") and failed (" + failed
                    + ") trials cannot outnumber its " + total + " trials");
            require(test == null || test.differences().size() == testUnits.size(), config + ": every difference of "
                    + "the test needs its unit's label, but got " + testUnits.size() + " labels for "
                    + (test == null ? 0 : test.differences().size()) + " differences");
            stats = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stats));
            values = List.copyOf(values);
            testUnits = List.copyOf(testUnits);
            curve = List.copyOf(curve);
        }

        public Stat primary(String metric) {
            return stats.getOrDefault(metric, Stat.NONE);
        }
    }

    public Column column(String config) {
        return columns.stream().filter(c -> c.config().equals(config)).findFirst().orElse(null);
    }

    /** Whether a column is the one the others are compared with. */
    public boolean isReference(Column c) {
        return c.config().equals(reference);
    }

    /** "higher is better" or "lower is better". */
    public String direction() {
        return (higherIsBetter ? "higher" : "lower") + " is better";
    }

    /** "last evaluation" or "best checkpoint". */
    static String evaluation(Checkpoint c) {
        return c == Checkpoint.LAST ? "last evaluation" : "best checkpoint";
    }

    /** The report with the settings the log carries (a log without them: base, the last evaluation). */
    public static SweepReport of(SweepState state, List<String> order) {
        return of(state, order, state.reportPlan());
    }

    /**
     * @param order configuration names in table order (the plan's); others follow in log order,
     *     the reference first
     * @param plan the report settings; null: those of a log written before they were carried
     */
    public static SweepReport of(SweepState state, List<String> order, ReportPlan plan) {
        return ReportBuilder.build(state, order, plan);
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
