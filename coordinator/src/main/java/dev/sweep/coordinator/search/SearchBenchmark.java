package dev.sweep.coordinator.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Runs our TPE and random samplers through the plain ask/tell contract on
 * {@link BenchmarkProblems} (no training) and prints, per function and sampler, the median over
 * seeds of the best value after each budget with its 25th and 75th percentiles, as tab-separated lines {@code bench/search.sh} joins
 * with Optuna's. Usage: {@code SearchBenchmark [--seeds 30] [--budgets 25,50,100]}.
 */
public final class SearchBenchmark {
    private SearchBenchmark() {
    }

    public static void main(String[] args) {
        int seeds = 30;
        int[] budgets = {25, 50, 100};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--budgets" -> budgets = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).sorted().toArray();
                default -> throw new IllegalArgumentException("usage: SearchBenchmark [--seeds N] [--budgets 25,50,100], but got " + args[i]);
            }
        }
        StringBuilder header = new StringBuilder("function\tsampler");
        for (int b : budgets) {
            header.append("\tbest@").append(b).append("\tp25@").append(b).append("\tp75@").append(b);
        }
        System.out.println(header);
        for (BenchmarkProblems.Problem problem : BenchmarkProblems.all()) {
            print(problem, "tpe", s -> new TpeSampler(Direction.MINIMIZE, s), seeds, budgets);
            print(problem, "random", RandomSampler::new, seeds, budgets);
        }
    }

    private static void print(BenchmarkProblems.Problem problem, String name, LongFunction<Sampler> samplers, int seeds, int[] budgets) {
        double[][] best = new double[budgets.length][seeds];
        for (int s = 0; s < seeds; s++) {
            double[] curve = bestSoFar(problem, samplers.apply(s), budgets[budgets.length - 1]);
            for (int b = 0; b < budgets.length; b++) {
                best[b][s] = curve[budgets[b] - 1];
            }
        }
        StringBuilder line = new StringBuilder(problem.name() + "\t" + name);
        for (double[] values : best) {
            line.append(String.format(Locale.ROOT, "\t%.6g\t%.6g\t%.6g", median(values), percentile(values, 25), percentile(values, 75)));
        }
        System.out.println(line);
    }

    /** The best value after each trial of one sequential run. */
    static double[] bestSoFar(BenchmarkProblems.Problem problem, Sampler sampler, int trials) {
        List<SearchTrial> history = new ArrayList<>();
        double[] curve = new double[trials];
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < trials; i++) {
            Map<String, Object> params = sampler.ask(problem.space(), history);
            double value = problem.objective().applyAsDouble(params);
            history.add(SearchTrial.complete(i, params, value));
            best = Math.min(best, value);
            curve[i] = best;
        }
        return curve;
    }

    static double median(double[] values) {
        return percentile(values, 50);
    }

    /** numpy's default percentile: linear between the two nearest ranks. */
    static double percentile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q / 100 * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
