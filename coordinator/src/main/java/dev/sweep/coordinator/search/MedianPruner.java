package dev.sweep.coordinator.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The median stopping rule (Golovin et al. 2017, "Google Vizier"), as Optuna 3.1's
 * {@code MedianPruner}: stop a trial when its best intermediate value so far is worse than the
 * median of the completed trials' values at the same step. Never before {@code nStartupTrials}
 * trials completed, nor before step {@code nWarmupSteps}, and only at the first report in each
 * interval of {@code intervalSteps} after the warm-up.
 */
public final class MedianPruner implements Pruner {
    private final Direction direction;
    private final int nStartupTrials;
    private final int nWarmupSteps;
    private final int intervalSteps;

    /** Optuna's defaults: n_startup_trials 5, n_warmup_steps 0, interval_steps 1. */
    public MedianPruner(Direction direction) {
        this(direction, 5, 0, 1);
    }

    public MedianPruner(Direction direction, int nStartupTrials, int nWarmupSteps, int intervalSteps) {
        if (direction == null) {
            throw new IllegalArgumentException("a pruner needs a direction");
        }
        if (nStartupTrials < 0 || nWarmupSteps < 0) {
            throw new IllegalArgumentException("nStartupTrials >= 0 and nWarmupSteps >= 0 must hold, but got ("
                    + nStartupTrials + ", " + nWarmupSteps + ")");
        }
        if (intervalSteps < 1) {
            throw new IllegalArgumentException("intervalSteps >= 1 must hold, but got " + intervalSteps);
        }
        this.direction = direction;
        this.nStartupTrials = nStartupTrials;
        this.nWarmupSteps = nWarmupSteps;
        this.intervalSteps = intervalSteps;
    }

    @Override
    public PruneDecision decide(SearchTrial trial, List<SearchTrial> trials) {
        List<SearchTrial> completed = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
        if (completed.isEmpty() || completed.size() < nStartupTrials) {
            return PruneDecision.proceed(completed.size() + " trials completed, fewer than the " + Math.max(1, nStartupTrials) + " needed");
        }
        int step = trial.lastStep();
        if (step < 0) {
            return PruneDecision.proceed("no intermediate value yet");
        }
        if (step < nWarmupSteps) {
            return PruneDecision.proceed("step " + step + " is in the warm-up of " + nWarmupSteps + " steps");
        }
        int firstOfInterval = (step - nWarmupSteps) / intervalSteps * intervalSteps + nWarmupSteps;
        int previous = trial.intermediateValues().headMap(step).isEmpty() ? -1 : trial.intermediateValues().headMap(step).lastKey();
        if (previous >= firstOfInterval) {
            return PruneDecision.proceed("step " + step + " is not the first report of its interval");
        }
        double best = Double.NaN;
        for (double v : trial.intermediateValues().values()) { // NaNs skipped, as numpy's nanmin
            if (!Double.isNaN(v) && (Double.isNaN(best) || direction.loss(v) < direction.loss(best))) {
                best = v;
            }
        }
        if (Double.isNaN(best)) {
            return PruneDecision.stop("every intermediate value is NaN");
        }
        List<Double> atStep = new ArrayList<>();
        for (SearchTrial t : completed) {
            Double v = t.intermediateValues().get(step);
            if (v != null && !v.isNaN()) {
                atStep.add(v);
            }
        }
        if (atStep.isEmpty()) {
            return PruneDecision.proceed("no completed trial reported step " + step);
        }
        double median = median(atStep);
        if (direction.loss(best) > direction.loss(median)) {
            return PruneDecision.stop("best so far " + best + " is worse than the median " + median + " of "
                    + atStep.size() + " completed trials at step " + step);
        }
        return PruneDecision.proceed("best so far " + best + " is no worse than the median " + median + " at step " + step);
    }

    /** numpy's percentile 50 with linear interpolation: the middle value, or the mean of the middle two. */
    private static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
