package dev.sweep.worker.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.TrainingSetup;
import dev.sweep.worker.train.StepObserver;
import dev.sweep.worker.train.EvaluationWeights;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import dev.sweep.worker.tensor.Scalars;

/**
 * EMA of the weights ({@code ema}): after every optimizer step,
 * {@code shadow = decay * shadow + (1 - decay) * param}; evaluation, and so the saved best
 * checkpoint, use the shadow; training goes on with the raw weights.
 *
 * <p>On the CPU the update is one pass over both memories in Java, split across cores: as three
 * libtorch ops (subtract, scale, add) it reads and writes every weight three times, which cost
 * about 7% of a training step of the embedded model.
 */
final class ExponentialMovingAverage implements TrainingSetup, StepObserver, EvaluationWeights {
    private final float decay;
    private final NDManager manager;
    private List<NDArray> live;
    private final List<NDArray> shadow = new ArrayList<>();
    private EvalSwap swap;
    /** Floats per unit of work of the host update; 0 for the libtorch update. */
    private final int slice;
    static final int DEFAULT_SLICE = 1 << 18;
    /** {tensor, from, to} for every slice of every tensor. */
    private final List<int[]> slices = new ArrayList<>();

    ExponentialMovingAverage(double decay, NDManager manager) {
        this(decay, manager, DEFAULT_SLICE);
    }

    /** @param slice floats per unit of work of the host update; 0 forces the libtorch update (tests compare both) */
    ExponentialMovingAverage(double decay, NDManager manager, int slice) {
        this.decay = (float) decay;
        this.manager = manager;
        this.slice = slice;
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
        if (slice > 0 && live.stream().allMatch(HostViews::available)) {
            for (int i = 0; i < live.size(); i++) {
                int size = Math.toIntExact(live.get(i).size());
                for (int from = 0; from < size; from += slice) {
                    slices.add(new int[] {i, from, Math.min(size, from + slice)});
                }
            }
        }
    }

    @Override
    public void afterStep(StepContext context) {
        if (!slices.isEmpty()) {
            updateOnHost();
            return;
        }
        for (int i = 0; i < live.size(); i++) {
            // d * s + (1 - d) * p written as d * (s - p) + p: in place, no temporaries
            Scalars.timesInPlace(shadow.get(i).subi(live.get(i)), decay).addi(live.get(i));
        }
    }

    private void updateOnHost() {
        FloatBuffer[] s = new FloatBuffer[live.size()];
        FloatBuffer[] p = new FloatBuffer[live.size()];
        for (int i = 0; i < live.size(); i++) {
            s[i] = HostViews.of(shadow.get(i));
            p[i] = HostViews.of(live.get(i));
        }
        float d = decay;
        IntStream.range(0, slices.size()).parallel().forEach(k -> {
            int[] slice = slices.get(k);
            FloatBuffer sv = s[slice[0]];
            FloatBuffer pv = p[slice[0]];
            for (int j = slice[1]; j < slice[2]; j++) {
                float w = pv.get(j);
                sv.put(j, d * (sv.get(j) - w) + w);
            }
        });
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
