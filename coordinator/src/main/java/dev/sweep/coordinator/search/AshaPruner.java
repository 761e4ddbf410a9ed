package dev.sweep.coordinator.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous successive halving (Li et al. 2020, "A System for Massively Parallel Hyperparameter
 * Tuning"), as Optuna 3.1's {@code SuccessiveHalvingPruner} with an explicit min_resource and
 * bootstrap_count 0. Rung r sits at step {@code minResource * reductionFactor^(r +
 * minEarlyStoppingRate)}. When a trial first reports a step at or past a rung, its value there is
 * its rung value, and it goes on only if that value is in the top 1/reductionFactor of the rung
 * values of every trial that reached the rung so far, itself included (while fewer than
 * reductionFactor trials reached it, only the best goes on). Nobody waits for a rung to fill: that
 * is the asynchronous part.
 *
 * <p>Optuna writes each rung value into the trial as it is decided; here it is read back from the
 * intermediate values (the value at the first reported step at or past the rung), which gives the
 * same values as long as the pruner is asked after every report.
 *
 * <p>In a sweep a trial's steps are its evaluations, numbered 1, 2, ... (not training steps), so
 * the reasons say "evaluation".
 */
public final class AshaPruner implements Pruner {
    private final Direction direction;
    private final int minResource;
    private final int reductionFactor;
    private final int minEarlyStoppingRate;

    /** Optuna's defaults: reduction_factor 4, min_early_stopping_rate 0. */
    public AshaPruner(Direction direction, int minResource) {
        this(direction, minResource, 4, 0);
    }

    public AshaPruner(Direction direction, int minResource, int reductionFactor, int minEarlyStoppingRate) {
        if (direction == null) {
            throw new IllegalArgumentException("a pruner needs a direction");
        }
        if (minResource < 1) {
            throw new IllegalArgumentException("minResource >= 1 must hold, but got " + minResource);
        }
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("reductionFactor >= 2 must hold, but got " + reductionFactor);
        }
        if (minEarlyStoppingRate < 0) {
            throw new IllegalArgumentException("minEarlyStoppingRate >= 0 must hold, but got " + minEarlyStoppingRate);
        }
        this.direction = direction;
        this.minResource = minResource;
        this.reductionFactor = reductionFactor;
        this.minEarlyStoppingRate = minEarlyStoppingRate;
    }

    /** The step of rung {@code rung}. */
    public long rungStep(int rung) {
        long step = minResource;
        for (int i = 0; i < rung + minEarlyStoppingRate; i++) {
            step *= reductionFactor;
            if (step > Integer.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
        }
        return step;
    }

    @Override
    public PruneDecision decide(SearchTrial trial, List<SearchTrial> trials) {
        int step = trial.lastStep();
        if (step < 0) {
            return PruneDecision.proceed("no intermediate value yet");
        }
        double value = trial.intermediateValues().get(step);
        int previous = trial.intermediateValues().headMap(step).isEmpty() ? -1 : trial.intermediateValues().headMap(step).lastKey();
        int rung = 0;
        while (rungStep(rung) <= previous) { // rungs decided at earlier reports
            rung++;
        }
        while (true) {
            long at = rungStep(rung);
            if (step < at) {
                return PruneDecision.proceed("evaluation " + step + " is before rung " + rung + " at evaluation " + at);
            }
            if (Double.isNaN(value)) {
                return PruneDecision.stop("the value at evaluation " + step + " is NaN");
            }
            List<Double> competing = new ArrayList<>();
            for (SearchTrial other : trials) {
                if (other.number() != trial.number()) {
                    Double v = rungValue(other.intermediateValues(), at);
                    if (v != null) {
                        competing.add(v);
                    }
                }
            }
            competing.add(value);
            if (!promotable(value, competing)) {
                return PruneDecision.stop("rung " + rung + " (evaluation " + at + "): " + value + " is not in the top 1/" + reductionFactor
                        + " of the " + competing.size() + " trials that reached it");
            }
            rung++;
        }
    }

    private static Double rungValue(Map<Integer, Double> values, long rungStep) {
        for (Map.Entry<Integer, Double> e : values.entrySet()) { // sorted by step
            if (e.getKey() >= rungStep) {
                return e.getValue();
            }
        }
        return null;
    }

    private boolean promotable(double value, List<Double> competing) {
        int index = competing.size() / reductionFactor - 1;
        if (index < 0) {
            index = 0; // too few to take a fraction of: only the best goes on
        }
        List<Double> losses = competing.stream().map(direction::loss).sorted().toList();
        return direction.loss(value) <= losses.get(index);
    }
}
