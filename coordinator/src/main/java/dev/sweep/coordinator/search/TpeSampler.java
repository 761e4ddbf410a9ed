package dev.sweep.coordinator.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Optuna 3.1's independent TPE (Bergstra et al. 2011, "Algorithms for Hyper-Parameter
 * Optimization"): each parameter on its own. The first {@code nStartupTrials} proposals are
 * random (running trials do not count towards them). After that the trials are ranked (complete
 * ones by value; pruned ones after them, those that got further first, then by their last
 * intermediate value, then pruned ones that reported nothing; running ones last), the best
 * {@link TpeSettings#gamma} of the n finished trials form the good group and the rest the bad one; for each active
 * parameter a {@link ParzenEstimator} l(x) is fitted to the good group's values and g(x) to the
 * bad group's, {@code nEiCandidates} candidates are drawn from l, and the one with the largest
 * log l(x) - log g(x) is proposed. A conditional parameter's estimators see only the trials that
 * had it, while the ranking counts every trial, as Optuna's. The scores use Optuna 3.1's log
 * density by default ({@link TpeSettings#optuna31Density}).
 *
 * <p>Asynchronous use: a {@link TrialState#RUNNING} trial counts as the worst observed value (the
 * constant liar), so it joins the bad group and its region is not proposed again while it runs.
 * This is Optuna's {@code constant_liar=True}; Optuna's default ignores running trials. It only
 * matters when trials run in parallel; sequentially the two are the same. Failed trials are ignored.
 */
public final class TpeSampler implements Sampler {
    private final Direction direction;
    private final long seed;
    private final TpeSettings settings;

    public TpeSampler(Direction direction, long seed) {
        this(direction, seed, TpeSettings.defaults());
    }

    public TpeSampler(Direction direction, long seed, TpeSettings settings) {
        if (direction == null || settings == null) {
            throw new IllegalArgumentException("a TPE sampler needs a direction and settings");
        }
        this.direction = direction;
        this.seed = seed;
        this.settings = settings;
    }

    @Override
    public Map<String, Object> ask(SearchSpace space, List<SearchTrial> trials) {
        RandomGenerator rng = RandomSampler.rngFor(seed, trials.size());
        List<SearchTrial> observed = trials.stream().filter(t -> t.state() != TrialState.FAILED).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        // as Optuna: running trials take part in the split but not in the count that sets the
        // startup phase and gamma, so the liars never crowd out the good group
        int n = (int) observed.stream().filter(t -> t.state() != TrialState.RUNNING).count();
        boolean[] good = n < settings.nStartupTrials() ? null : goodGroup(observed, n);
        for (Parameter p : space.parameters()) {
            if (!space.isActive(p, out)) {
                continue;
            }
            out.put(p.name(), good == null ? RandomSampler.draw(p.distribution(), rng) : propose(p, observed, good, rng));
        }
        return out;
    }

    private Object propose(Parameter p, List<SearchTrial> observed, boolean[] good, RandomGenerator rng) {
        Distribution d = p.distribution();
        List<Double> below = new ArrayList<>();
        List<Double> above = new ArrayList<>();
        for (int i = 0; i < observed.size(); i++) {
            Object v = observed.get(i).params().get(p.name());
            if (v != null && d.contains(v)) { // a trial that lacked the parameter, or had it from another space, tells nothing about it
                (good[i] ? below : above).add(d.toInternal(v));
            }
        }
        ParzenEstimator l = new ParzenEstimator(toArray(below), d, settings);
        ParzenEstimator g = new ParzenEstimator(toArray(above), d, settings);
        double[] candidates = l.sample(rng, settings.nEiCandidates());
        double[] logL = l.logPdf(candidates);
        double[] logG = g.logPdf(candidates);
        int best = 0;
        for (int i = 1; i < candidates.length; i++) {
            if (logL[i] - logG[i] > logL[best] - logG[best]) {
                best = i;
            }
        }
        return d.toExternal(candidates[best]);
    }

    /** Which observed trials (in their order) are among the best gamma(finished); package-private for tests. */
    boolean[] goodGroup(List<SearchTrial> observed, int finished) {
        int n = observed.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        List<double[]> keys = observed.stream().map(this::rankKey).toList();
        order.sort(Comparator.<Integer>comparingDouble(i -> keys.get(i)[0]).thenComparingDouble(i -> keys.get(i)[1]));
        boolean[] good = new boolean[n];
        for (int i = 0; i < settings.gamma(finished); i++) {
            good[order.get(i)] = true;
        }
        return good;
    }

    /** (stage, loss), compared in that order; smaller is better. Optuna's ranking, running last. */
    private double[] rankKey(SearchTrial t) {
        return switch (t.state()) {
            case COMPLETE -> new double[] {Double.NEGATIVE_INFINITY, direction.loss(t.value())};
            case PRUNED -> {
                if (t.intermediateValues().isEmpty()) {
                    yield new double[] {1, 0.0}; // after every pruned trial that reported, even at step 0
                }
                double last = t.intermediateValues().get(t.lastStep());
                yield new double[] {-t.lastStep(), Double.isNaN(last) ? Double.POSITIVE_INFINITY : direction.loss(last)};
            }
            case RUNNING -> new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}; // the constant liar
            case FAILED -> throw new IllegalStateException("failed trials are filtered out before ranking");
        };
    }

    private static double[] toArray(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
