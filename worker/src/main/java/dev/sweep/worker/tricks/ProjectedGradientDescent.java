package dev.sweep.worker.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.StepObserver;
import java.util.ArrayList;
import java.util.List;
import dev.sweep.worker.tensor.Scalars;

/**
 * PGD adversarial training ({@code pgd}, Madry et al.) on the word embeddings, in the form NLP
 * fine-tuning uses: K ascent steps of size alpha along g / ||g||, each projected back into the
 * epsilon ball around the clean embeddings. Gradients of the intermediate steps serve only the
 * attack; the last step's gradients add to the clean ones. The embeddings are restored exactly.
 */
final class ProjectedGradientDescent implements StepObserver {
    private final float epsilon;
    private final float alpha;
    private final int steps;
    private final Parameter embedding;
    private final List<NDArray> parameters;
    private final NDManager manager;

    ProjectedGradientDescent(double epsilon, double alpha, int steps, Parameter embedding, List<NDArray> parameters,
            NDManager manager) {
        this.epsilon = (float) epsilon;
        this.alpha = (float) alpha;
        this.steps = steps;
        this.embedding = embedding;
        this.parameters = parameters;
        this.manager = manager;
    }

    @Override
    public void afterBackward(StepContext context) {
        NDArray e = embedding.getArray();
        try (NDManager scope = manager.newSubManager()) {
            NDArray clean = Weights.scoped(e.duplicate(), scope);
            List<NDArray> gradients = new ArrayList<>();
            List<NDArray> savedGradients = new ArrayList<>();
            for (NDArray p : parameters) {
                if (p.hasGradient()) {
                    NDArray g = Weights.scoped(p.getGradient(), scope);
                    gradients.add(g);
                    savedGradients.add(Weights.scoped(g.duplicate(), scope));
                }
            }
            try {
                for (int t = 0; t < steps; t++) {
                    NDArray g = Weights.scoped(e.getGradient(), scope);
                    double norm = Weights.scoped(g.norm(), scope).getFloat();
                    if (norm > 0 && Double.isFinite(norm)) {
                        e.addi(Weights.scoped(Scalars.times(g, alpha / norm), scope));
                        NDArray delta = Weights.scoped(e.sub(clean), scope);
                        double deltaNorm = Weights.scoped(delta.norm(), scope).getFloat();
                        if (deltaNorm > epsilon) {
                            Weights.copyInto(e, Weights.scoped(clean.add(Scalars.timesInPlace(delta, epsilon / deltaNorm)), scope));
                        }
                    }
                    if (t < steps - 1) {
                        gradients.forEach(x -> Scalars.timesInPlace(x, 0)); // the next ascent direction needs this point's gradient alone
                    } else {
                        for (int i = 0; i < gradients.size(); i++) {
                            Weights.copyInto(gradients.get(i), savedGradients.get(i));
                        }
                    }
                    context.forwardBackward().run();
                }
            } finally {
                Weights.copyInto(e, clean);
            }
        }
    }
}
