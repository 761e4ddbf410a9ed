package dev.sweep.worker.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.TrainingSetup;
import dev.sweep.worker.train.StepSchedule;
import dev.sweep.worker.train.StepObserver;
import dev.sweep.worker.train.EvaluationWeights;
import java.util.ArrayList;
import java.util.List;
import dev.sweep.worker.tensor.Scalars;

/**
 * SWA ({@code swa}, Izmailov et al.): from a start step on, the running arithmetic mean of the
 * weights taken every N steps, optionally at a constant learning rate; evaluations use the mean
 * once it holds at least one snapshot.
 */
final class StochasticWeightAveraging implements TrainingSetup, StepSchedule, StepObserver, EvaluationWeights {
    private final double start;
    private final int epochs;
    private int startStep;
    private int everySteps;
    private final double constantLrFactor;
    private final NDManager manager;
    private List<NDArray> live;
    private final List<NDArray> average = new ArrayList<>();
    private EvalSwap swap;
    private int snapshots;

    /**
     * @param start the fraction of training after which averaging starts
     * @param everySteps steps between snapshots; 0 for once an epoch
     * @param constantLrFactor the SWA learning rate as a multiple of training.lr; NaN keeps the schedule
     */
    StochasticWeightAveraging(double start, int everySteps, int epochs, double constantLrFactor, NDManager manager) {
        this.start = start;
        this.everySteps = everySteps;
        this.epochs = epochs;
        this.constantLrFactor = constantLrFactor;
        this.manager = manager;
    }

    @Override
    public void beforeTraining(StepContext context) {
        startStep = (int) Math.floor(start * context.totalSteps());
        if (everySteps == 0) {
            everySteps = Math.max(1, (context.totalSteps() + epochs - 1) / epochs);
        }
        live = context.model().namedParameters().values().stream().map(p -> p.getArray()).toList();
        for (NDArray w : live) {
            average.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        }
        swap = new EvalSwap(live, manager);
    }

    int snapshots() {
        return snapshots;
    }

    @Override
    public double lrFactor(int step, double scheduled) {
        return step >= startStep && !Double.isNaN(constantLrFactor) ? constantLrFactor : scheduled;
    }

    @Override
    public void afterStep(StepContext context) {
        int step = context.step();
        if (step < startStep || (step - startStep) % everySteps != 0) {
            return;
        }
        snapshots++;
        float weight = 1f / snapshots;
        try (NDManager scope = manager.newSubManager()) {
            for (int i = 0; i < live.size(); i++) {
                // running mean: avg += (w - avg) / n; the difference is a temporary of this scope
                NDArray a = average.get(i);
                NDArray difference = live.get(i).sub(a);
                difference.attach(scope);
                a.addi(Scalars.timesInPlace(difference, weight));
            }
        }
    }

    @Override
    public void beforeEval(StepContext context) {
        if (snapshots > 0) {
            swap.swapIn(average);
        }
    }

    @Override
    public void afterEval(StepContext context) {
        if (snapshots > 0) {
            swap.restore();
        }
    }
}
