package dev.sweep.worker.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.sweep.common.trial.TaskType;
import dev.sweep.worker.data.Batch;
import dev.sweep.worker.loss.TaskLoss;
import dev.sweep.worker.train.Objective;
import dev.sweep.worker.train.TextModel;
import dev.sweep.worker.train.ObjectivePolicy;
import dev.sweep.worker.tensor.Scalars;

/**
 * R-Drop ({@code rdrop}, Liang et al. 2021): the batch goes through the model twice with
 * independent dropout masks, as one doubled batch split at the output; the loss is the task loss
 * averaged over both passes plus {@code alpha} times the symmetric KL divergence of the two
 * softmaxes (classification; summed over classes, averaged over examples) or the MSE between
 * the two predictions (regression).
 */
final class RDrop implements ObjectivePolicy {
    private final double alpha;
    private final TextModel model;
    private final TaskLoss loss;
    private final TaskType type;

    RDrop(double alpha, TextModel model, TaskLoss loss, TaskType type) {
        this.alpha = alpha;
        this.model = model;
        this.loss = loss;
        this.type = type;
    }

    @Override
    public Objective objective(Objective inner) {
        return batch -> {
            int b = batch.size();
            NDArray both = model.forward(doubled(batch), true);
            NDArray first = both.get("0:" + b);
            NDArray second = both.get(b + ":");
            return loss(first, second, batch.targets());
        };
    }

    /** Mean task loss of the two passes plus alpha times their disagreement. */
    NDArray loss(NDArray first, NDArray second, NDArray targets) {
        NDArray task = Scalars.times(loss.compute(first, targets).add(loss.compute(second, targets)), 0.5);
        return task.add(Scalars.times(disagreement(first, second, type), alpha));
    }

    static NDArray disagreement(NDArray first, NDArray second, TaskType type) {
        if (type == TaskType.REGRESSION) {
            return first.sub(second).square().mean();
        }
        NDArray logP = first.logSoftmax(-1);
        NDArray logQ = second.logSoftmax(-1);
        NDArray difference = logP.sub(logQ);
        // KL(p||q) + KL(q||p) = sum (p - q)(log p - log q)
        return Scalars.times(logP.exp().sub(logQ.exp()).mul(difference).sum(new int[] {-1}).mean(), 0.5);
    }

    static Batch doubled(Batch batch) {
        return new Batch(twice(batch.inputIds()), twice(batch.attentionMask()), twice(batch.tokenTypeIds()),
                twice(batch.targets()), batch.rows());
    }

    private static NDArray twice(NDArray a) {
        return NDArrays.concat(new NDList(a, a), 0);
    }
}
