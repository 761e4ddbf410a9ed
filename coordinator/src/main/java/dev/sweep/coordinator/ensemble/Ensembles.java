package dev.sweep.coordinator.ensemble;

import static dev.sweep.common.trial.Checks.require;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds a sweep's prediction ensembles from its completed training trials' prediction files:
 * each configuration's seeds averaged (probabilities for classification), and a blend across
 * configurations with hill-climbed weights. A weight fit scored on the rows it was fit on is
 * optimistic, so the blend is also scored honestly: the validation rows are split in two halves
 * at random (fixed seed), weights are fit on one and scored on the other, both ways, and the two
 * scores averaged; the plain average is scored on the same halves beside it, so a user sees
 * whether the weights earn their keep.
 */
public final class Ensembles {
    /** Hill-climbing additions: weights in steps of 1/101. */
    static final int STEPS = 100;
    private static final long SPLIT_SEED = 20221129L;

    private final Function<TrialView, Predictions> reader;
    private final Checkpoint select;

    /** @param select whose predictions: the last evaluation's (default) or the best checkpoint's */
    public Ensembles(Checkpoint select) {
        this(select, t -> Predictions.read(file(t, select)));
    }

    Ensembles(Checkpoint select, Function<TrialView, Predictions> reader) {
        this.select = select;
        this.reader = reader;
    }

    static Path file(TrialView t, Checkpoint select) {
        return Path.of(t.result().output(), select == Checkpoint.BEST ? "predictions.csv" : "predictions-last.csv");
    }

    /**
     * @param configurations which configurations to blend, in order; empty: every configuration with a
     *     completed training trial, by name (the same blend from every replay of the log)
     */
    public EnsembleReport of(SweepState state, List<String> configurations) {
        Map<String, List<TrialView>> byConfig = new LinkedHashMap<>();
        for (TrialView t : state.trials()) {
            if (t.kind() == TrialKind.TRAIN && t.state() == TrialState.COMPLETED && t.result() != null) {
                byConfig.computeIfAbsent(t.configName(), k -> new ArrayList<>()).add(t);
            }
        }
        require(!byConfig.isEmpty(), "sweep " + state.sweepId() + " has no completed training trial to ensemble");
        for (String c : configurations) {
            require(byConfig.containsKey(c), "--configs: '" + c + "' has no completed training trial; the sweep has "
                    + byConfig.keySet());
        }
        // by name when none are named: the log's replay interleaves its partitions, so the order trials first
        // appear in differs between replays, and hill climbing breaks ties by member order
        List<String> chosen = configurations.isEmpty() ? new ArrayList<>(new java.util.TreeSet<>(byConfig.keySet()))
                : configurations;
        Map<String, Map<Integer, double[]>> averaged = new LinkedHashMap<>();
        Map<Integer, double[]> truth = new TreeMap<>();
        Scoring scoring = null;
        List<EnsembleReport.SeedAverage> seedAverages = new ArrayList<>();
        for (String c : chosen) {
            List<Predictions> seeds = bySeed(byConfig.get(c));
            Scoring s = new Scoring(seeds.get(0).classification());
            require(scoring == null || scoring.higherIsBetter() == s.higherIsBetter(),
                    "configuration " + c + " predicts another kind of task than the others");
            scoring = s;
            seeds.forEach(p -> truth.putAll(p.truth()));
            // rows every seed predicted (the same split for all, unless validation.resample gave each its own)
            TreeSet<Integer> rows = new TreeSet<>(seeds.get(0).values().keySet());
            seeds.forEach(p -> rows.retainAll(p.values().keySet()));
            require(!rows.isEmpty(), "configuration " + c + ": its seeds share no validation row (validation.resample "
                    + "gives each seed its own split); seed averages need a shared one");
            int[] index = allRows(rows.size());
            double[][] t = matrix(truth, rows);
            List<double[][]> members = new ArrayList<>();
            double single = 0;
            for (Predictions p : seeds) {
                double[][] m = s.averagingSpace(matrix(p.values(), rows));
                members.add(m);
                single += s.score(m, t, index) / seeds.size();
            }
            double[] equal = new double[members.size()];
            java.util.Arrays.fill(equal, 1.0 / members.size());
            double[][] avg = Scoring.blend(members, equal, index);
            seedAverages.add(new EnsembleReport.SeedAverage(c, seeds.size(), rows.size(), single, s.score(avg, t, index)));
            Map<Integer, double[]> byRow = new TreeMap<>();
            int i = 0;
            for (int row : rows) {
                byRow.put(row, avg[i++]);
            }
            averaged.put(c, byRow);
        }
        EnsembleReport.Blend blend = chosen.size() < 2 ? null : blend(scoring, chosen, averaged, truth);
        return new EnsembleReport(scoring.metric(), scoring.higherIsBetter(),
                select == Checkpoint.BEST ? "predictions.csv (best checkpoints: optimistic)" : "predictions-last.csv",
                seedAverages, blend);
    }

    private static EnsembleReport.Blend blend(Scoring s, List<String> names, Map<String, Map<Integer, double[]>> averaged,
            Map<Integer, double[]> truth) {
        TreeSet<Integer> rows = new TreeSet<>(averaged.get(names.get(0)).keySet());
        averaged.values().forEach(m -> rows.retainAll(m.keySet()));
        require(rows.size() >= 4, "the configurations share " + rows.size() + " validation rows; a blend needs at least 4");
        List<double[][]> members = new ArrayList<>();
        for (String n : names) {
            members.add(matrix(averaged.get(n), rows));
        }
        double[][] t = matrix(truth, rows);
        int[] all = allRows(rows.size());
        int[][] halves = halves(rows.size());
        HillClimbing climb = new HillClimbing(s, STEPS);
        double[] equal = new double[names.size()];
        java.util.Arrays.fill(equal, 1.0 / names.size());
        double plain = s.score(Scoring.blend(members, equal, all), t, all);
        double plainHalves = 0;
        double honest = 0;
        List<Map<String, Double>> halfWeights = new ArrayList<>();
        for (int h = 0; h < 2; h++) {
            int[] fitOn = halves[h];
            int[] scoreOn = halves[1 - h];
            double[] w = climb.fit(members, t, fitOn);
            halfWeights.add(named(names, w));
            honest += s.score(Scoring.blend(members, w, scoreOn), t, scoreOn) / 2;
            plainHalves += s.score(Scoring.blend(members, equal, scoreOn), t, scoreOn) / 2;
        }
        double[] w = climb.fit(members, t, all);
        double[][] fitted = Scoring.blend(members, w, all);
        double inSample = s.score(fitted, t, all);
        Map<Integer, double[]> predictions = new TreeMap<>();
        int i = 0;
        for (int row : rows) {
            predictions.put(row, fitted[i++]);
        }
        return new EnsembleReport.Blend(List.copyOf(names), rows.size(), plain, plainHalves, named(names, w), inSample,
                honest, halfWeights, predictions);
    }

    /**
     * One prediction set per seed: with folds a seed's trials each predict their own fold's rows,
     * and together all rows (out-of-fold predictions); without folds a seed has one trial.
     */
    private List<Predictions> bySeed(List<TrialView> trials) {
        Map<Long, List<Predictions>> seeds = new TreeMap<>();
        for (TrialView t : trials) {
            seeds.computeIfAbsent(t.seed(), k -> new ArrayList<>()).add(reader.apply(t));
        }
        List<Predictions> out = new ArrayList<>();
        for (List<Predictions> folds : seeds.values()) {
            Map<Integer, double[]> values = new TreeMap<>();
            Map<Integer, double[]> truth = new TreeMap<>();
            for (Predictions p : folds) {
                values.putAll(p.values());
                truth.putAll(p.truth());
            }
            out.add(new Predictions(folds.get(0).classes(), values, truth));
        }
        return out;
    }

    /** The row indices 0..n-1 split at random (fixed seed) into two halves, each in order. */
    static int[][] halves(int n) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(SPLIT_SEED));
        int half = n / 2;
        int[] a = order.subList(0, half).stream().sorted().mapToInt(Integer::intValue).toArray();
        int[] b = order.subList(half, n).stream().sorted().mapToInt(Integer::intValue).toArray();
        return new int[][] {a, b};
    }

    private static Map<String, Double> named(List<String> names, double[] w) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), w[i]);
        }
        return out;
    }

    /** The indices 0..n-1 of a matrix's rows: score or blend all of them. */
    private static int[] allRows(int n) {
        int[] out = new int[n];
        for (int i = 0; i < out.length; i++) {
            out[i] = i;
        }
        return out;
    }

    private static double[][] matrix(Map<Integer, double[]> byRow, TreeSet<Integer> rows) {
        double[][] out = new double[rows.size()][];
        int i = 0;
        for (int row : rows) {
            out[i++] = byRow.get(row);
        }
        return out;
    }
}
