package dev.sweep.worker.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import dev.sweep.worker.tensor.Scalars;

/**
 * AdamW with the semantics of {@code torch.optim.AdamW}: decoupled weight decay
 * {@code w -= lr * wd * w}, then {@code w -= lr * m_hat / (sqrt(v_hat) + eps)}.
 *
 * <p>It runs DJL's native Adam kernel, one JNI call per tensor. That kernel adds eps to
 * {@code sqrt(v)} before the bias correction; passing {@code eps * sqrt(1 - beta2^t)} instead of
 * eps makes its update equal to torch's. The kernel zeroes each gradient after the update.
 */
public final class AdamW implements AutoCloseable {
    private final List<TrainableParameter> parameters;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final NDManager state;
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    private int steps;

    public AdamW(List<TrainableParameter> parameters, double beta1, double beta2, double eps) {
        this.parameters = List.copyOf(parameters);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        NDManager owner = parameters.isEmpty() ? NDManager.newBaseManager()
                : parameters.get(0).parameter().getArray().getManager();
        this.state = owner.newSubManager();
        for (TrainableParameter p : this.parameters) {
            NDArray w = p.parameter().getArray();
            means.add(state.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            variances.add(state.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        }
    }

    public int stepCount() {
        return steps;
    }

    /** One update of every parameter with lr = its base lr times {@code lrFactor} (the schedule's multiplier). */
    public void step(double lrFactor) {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        float epsilon = (float) (eps * Math.sqrt(correction2));
        for (int i = 0; i < parameters.size(); i++) {
            TrainableParameter p = parameters.get(i);
            NDArray weight = p.parameter().getArray();
            double lr = p.lr() * lrFactor;
            try (NDArray grad = weight.getGradient()) {
                if (lr == 0) {
                    Scalars.timesInPlace(grad, 0); // frozen: leave the weight and its moments as they are
                    continue;
                }
                weight.getNDArrayInternal().adamUpdate(
                        new NDList(weight, grad, means.get(i), variances.get(i)), new NDList(weight),
                        (float) lr, (float) (lr * Math.sqrt(correction2) / correction1), (float) p.weightDecay(),
                        1f, -1f, (float) beta1, (float) beta2, epsilon, true, true);
            }
        }
    }

    @Override
    public void close() {
        state.close();
    }
}
