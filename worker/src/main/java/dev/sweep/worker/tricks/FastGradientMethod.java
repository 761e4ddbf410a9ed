package dev.sweep.worker.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.StepObserver;
import dev.sweep.worker.tensor.Scalars;

/**
 * FGM adversarial training ({@code fgm}, Miyato et al. 2017): after the clean backward pass, add
 * {@code r = epsilon * g / ||g||} to the word-embedding matrix (g its gradient; skipped when the
 * norm is 0 or not finite), run a second forward and backward whose gradients add to the first,
 * and put the embeddings back bit for bit before the optimizer steps.
 */
final class FastGradientMethod implements StepObserver {
    private final float epsilon;
    private final Parameter embedding;
    private final NDManager manager;

    FastGradientMethod(double epsilon, Parameter embedding, NDManager manager) {
        this.epsilon = (float) epsilon;
        this.embedding = embedding;
        this.manager = manager;
    }

    @Override
    public void afterBackward(StepContext context) {
        NDArray e = embedding.getArray();
        try (NDManager scope = manager.newSubManager()) {
            NDArray g = Weights.scoped(e.getGradient(), scope);
            double norm = Weights.scoped(g.norm(), scope).getFloat();
            if (!(norm > 0) || !Double.isFinite(norm)) {
                return;
            }
            NDArray backup = Weights.scoped(e.duplicate(), scope);
            NDArray r = Weights.scoped(Scalars.times(g, epsilon / norm), scope);
            // outside the gradient collector: an in-place change of a leaf is allowed here
            e.addi(r);
            try {
                context.forwardBackward().run();
            } finally {
                Weights.copyInto(e, backup);
            }
        }
    }
}
