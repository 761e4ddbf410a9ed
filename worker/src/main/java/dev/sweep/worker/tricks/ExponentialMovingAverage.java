package dev.sweep.worker.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.TrainingHook;
import java.util.ArrayList;
import java.util.List;

/**
 * EMA of the weights ({@code ema}): after every optimizer step,
 * {@code shadow = decay * shadow + (1 - decay) * param}; evaluation, and so the saved best
 * checkpoint, use the shadow; training goes on with the raw weights.
 */
final class ExponentialMovingAverage implements TrainingHook {
    private final float decay;
    private final NDManager manager;
    private List<NDArray> live;
    private final List<NDArray> shadow = new ArrayList<>();
    private EvalSwap swap;

    ExponentialMovingAverage(double decay, NDManager manager) {
        this.decay = (float) decay;
        this.manager = manager;
    }

    @Override
    public void beforeTraining(StepContext context) {
        live = context.model().namedParameters().values().stream().map(p -> p.getArray()).toList();
        for (NDArray w : live) {
            NDArray s = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
            Weights.copyInto(s, w);
            shadow.add(s);
        }
        swap = new EvalSwap(live, manager);
    }

    @Override
    public void afterStep(StepContext context) {
        for (int i = 0; i < live.size(); i++) {
            // d * s + (1 - d) * p written as d * (s - p) + p: in place, no temporaries
            shadow.get(i).subi(live.get(i)).muli(decay).addi(live.get(i));
        }
    }

    @Override
    public void beforeEval(StepContext context) {
        swap.swapIn(shadow);
    }

    @Override
    public void afterEval(StepContext context) {
        swap.restore();
    }
}
