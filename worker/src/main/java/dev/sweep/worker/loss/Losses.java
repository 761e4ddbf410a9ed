package dev.sweep.worker.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.sweep.worker.tensor.Scalars;

/** The losses a trial can name: {@code mse}, {@code rmse}, {@code smooth_l1}, {@code ce}. */
public final class Losses {
    private Losses() {}

    public static TaskLoss create(String name) {
        return switch (name) {
            case "mse" -> Losses::mse;
            case "rmse" -> (p, t) -> mse(p, t).add(1e-8f).sqrt(); // the FB3 notebooks' RMSELoss
            case "smooth_l1" -> Losses::smoothL1;
            case "ce" -> Losses::crossEntropy;
            default -> throw new IllegalArgumentException(
                    "training.loss must be one of ce, mse, rmse, smooth_l1, but got '" + name + "'");
        };
    }

    static NDArray mse(NDArray predictions, NDArray targets) {
        return predictions.sub(targets).square().mean();
    }

    /** Huber with beta 1, PyTorch's default: 0.5 d^2 where |d| < 1, |d| - 0.5 elsewhere. */
    static NDArray smoothL1(NDArray predictions, NDArray targets) {
        NDArray d = predictions.sub(targets).abs();
        NDArray quadratic = Scalars.atMost(d, 1);
        // 0.5 q^2 + (d - q) equals both branches: q = d below 1, q = 1 above
        return Scalars.times(quadratic.square(), 0.5).add(d.sub(quadratic)).mean();
    }

    /** Softmax cross-entropy through log-softmax, so large logits stay finite. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logProbs = logits.logSoftmax(-1);
        NDArray picked = logProbs.gather(labels.toType(DataType.INT64, false).reshape(-1, 1), 1);
        return picked.neg().mean();
    }
}
