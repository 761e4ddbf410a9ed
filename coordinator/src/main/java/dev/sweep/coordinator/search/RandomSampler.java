package dev.sweep.coordinator.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Draws each active parameter independently: floats uniform (log-uniform with {@code log}), ints
 * uniform on the integers (log ints as Optuna: log-uniform on [low - 0.5, high + 0.5], rounded),
 * categoricals uniform over the choices. Ignores the trials except to count them for the seed.
 */
public final class RandomSampler implements Sampler {
    private final long seed;

    public RandomSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public Map<String, Object> ask(SearchSpace space, List<SearchTrial> trials) {
        RandomGenerator rng = rngFor(seed, trials.size());
        Map<String, Object> out = new LinkedHashMap<>();
        for (Parameter p : space.parameters()) {
            if (space.isActive(p, out)) {
                out.put(p.name(), draw(p.distribution(), rng));
            }
        }
        return out;
    }

    /**
     * The generator for the ask after {@code n} trials: one stream per position, so the answer
     * depends on the seed and the count and not on how many times ask was called before.
     */
    static RandomGenerator rngFor(long seed, int n) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (n + 1L)));
    }

    /** One value of {@code d}, drawn uniformly as described above. */
    static Object draw(Distribution d, RandomGenerator rng) {
        if (d instanceof FloatDistribution f) {
            if (f.low() == f.high()) {
                return f.low();
            }
            double x = f.log()
                    ? Math.exp(Math.log(f.low()) + rng.nextDouble() * (Math.log(f.high()) - Math.log(f.low())))
                    : f.low() + rng.nextDouble() * (f.high() - f.low());
            return f.toExternal(x);
        }
        if (d instanceof IntDistribution i) {
            if (i.log()) {
                double lo = Math.log(i.low() - 0.5);
                double hi = Math.log(i.high() + 0.5);
                return i.toExternal(Math.exp(lo + rng.nextDouble() * (hi - lo)));
            }
            return i.low() + rng.nextInt(i.high() - i.low() + 1);
        }
        CategoricalDistribution c = (CategoricalDistribution) d;
        return c.choices().get(rng.nextInt(c.choices().size()));
    }
}
