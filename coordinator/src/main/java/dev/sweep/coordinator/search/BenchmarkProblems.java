package dev.sweep.coordinator.search;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Standard test functions for samplers, all minimised, defined exactly as in
 * {@code bench/optuna_search.py} so the two benchmarks compare like with like.
 */
public final class BenchmarkProblems {
    private BenchmarkProblems() {
    }

    /** A named function over a space. */
    public record Problem(String name, SearchSpace space, ToDoubleFunction<Map<String, Object>> objective) {
    }

    public static List<Problem> all() {
        return List.of(branin(), hartmann6(), rosenbrock10(), mixed());
    }

    /** Branin on [-5, 10] x [0, 15]; minimum 0.397887 at three points. */
    static Problem branin() {
        SearchSpace space = SearchSpace.builder()
                .add("x1", new FloatDistribution(-5, 10, false))
                .add("x2", new FloatDistribution(0, 15, false))
                .build();
        return new Problem("branin", space, p -> {
            double x1 = (Double) p.get("x1");
            double x2 = (Double) p.get("x2");
            double b = 5.1 / (4 * Math.PI * Math.PI);
            double c = 5 / Math.PI;
            double t = 1 / (8 * Math.PI);
            double u = x2 - b * x1 * x1 + c * x1 - 6;
            return u * u + 10 * (1 - t) * Math.cos(x1) + 10;
        });
    }

    private static final double[] H_ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] H_A = {
        {10, 3, 17, 3.5, 1.7, 8},
        {0.05, 10, 17, 0.1, 8, 14},
        {3, 3.5, 1.7, 10, 17, 8},
        {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] H_P = {
        {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
        {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
        {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
        {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

    /** Hartmann-6 on [0, 1]^6; minimum -3.32237. */
    static Problem hartmann6() {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int i = 0; i < 6; i++) {
            b.add("x" + i, new FloatDistribution(0, 1, false));
        }
        return new Problem("hartmann6", b.build(), p -> {
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                double inner = 0;
                for (int j = 0; j < 6; j++) {
                    double d = (Double) p.get("x" + j) - H_P[k][j];
                    inner += H_A[k][j] * d * d;
                }
                sum += H_ALPHA[k] * Math.exp(-inner);
            }
            return -sum;
        });
    }

    /** Rosenbrock in 10 dimensions on [-5, 10]^10; minimum 0 at (1, ..., 1). */
    static Problem rosenbrock10() {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int i = 0; i < 10; i++) {
            b.add("x" + i, new FloatDistribution(-5, 10, false));
        }
        return new Problem("rosenbrock10", b.build(), p -> {
            double sum = 0;
            for (int i = 0; i < 9; i++) {
                double x = (Double) p.get("x" + i);
                double y = (Double) p.get("x" + (i + 1));
                sum += 100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x);
            }
            return sum;
        });
    }

    /**
     * A categorical, a log-float and an int, like an optimizer, a learning rate and a width:
     * offset(opt) + (log10(lr) + 3)^2 + ((n - 7) / 4)^2 with offsets a=0, b=0.5, c=1;
     * minimum 0 at (a, 1e-3, 7).
     */
    static Problem mixed() {
        SearchSpace space = SearchSpace.builder()
                .add("opt", CategoricalDistribution.of("a", "b", "c"))
                .add("lr", new FloatDistribution(1e-5, 1e-1, true))
                .add("n", new IntDistribution(1, 16, false))
                .build();
        Map<Object, Double> offset = Map.of("a", 0.0, "b", 0.5, "c", 1.0);
        return new Problem("mixed", space, p -> {
            double lr = Math.log10((Double) p.get("lr")) + 3;
            double n = ((Integer) p.get("n") - 7) / 4.0;
            return offset.get(p.get("opt")) + lr * lr + n * n;
        });
    }
}
