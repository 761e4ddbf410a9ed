package dev.sweep.worker.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.StepObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.sweep.worker.tensor.Scalars;

/**
 * AWP ({@code awp}), as the Feedback Prize winners used it: from {@code start_epoch} on, each
 * weight whose name contains {@code target} moves by
 * {@code adv_lr * g / (||g|| + 1e-6) * (||w|| + 1e-6)}, clamped to
 * {@code [w - adv_eps |w|, w + adv_eps |w|]}; a second forward and backward adds its gradients;
 * the weights are restored exactly.
 */
final class AdversarialWeightPerturbation implements StepObserver {
    private static final float E = 1e-6f;
    private final float advLr;
    private final float advEps;
    private final int startEpoch;
    private final List<Parameter> targets;
    private final NDManager manager;

    AdversarialWeightPerturbation(double advLr, double advEps, int startEpoch, Map<String, Parameter> all,
            String target, NDManager manager) {
        this.advLr = (float) advLr;
        this.advEps = (float) advEps;
        this.startEpoch = startEpoch;
        this.manager = manager;
        this.targets = new ArrayList<>();
        all.forEach((name, p) -> {
            if (name.contains(target)) {
                targets.add(p);
            }
        });
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("tricks.awp.target '" + target + "' matches no parameter");
        }
    }

    @Override
    public void afterBackward(StepContext context) {
        if (context.epoch() < startEpoch) {
            return;
        }
        try (NDManager scope = manager.newSubManager()) {
            List<NDArray> perturbed = new ArrayList<>();
            List<NDArray> backups = new ArrayList<>();
            for (Parameter p : targets) {
                NDArray w = p.getArray();
                if (!w.hasGradient()) {
                    continue;
                }
                NDArray g = Weights.scoped(w.getGradient(), scope);
                float gradNorm = Weights.scoped(g.norm(), scope).getFloat();
                if (!(gradNorm > 0) || !Float.isFinite(gradNorm)) {
                    continue;
                }
                float weightNorm = Weights.scoped(w.norm(), scope).getFloat();
                NDArray backup = Weights.scoped(w.duplicate(), scope);
                NDArray bound = Weights.scoped(Scalars.timesInPlace(backup.abs(), advEps), scope);
                NDArray low = Weights.scoped(backup.sub(bound), scope);
                NDArray high = Weights.scoped(backup.add(bound), scope);
                NDArray moved = Weights.scoped(Scalars.times(g, advLr / (gradNorm + E) * (weightNorm + E)), scope).addi(backup);
                Weights.copyInto(w, Weights.scoped(Weights.scoped(moved.maximum(low), scope).minimum(high), scope));
                perturbed.add(w);
                backups.add(backup);
            }
            try {
                if (!perturbed.isEmpty()) {
                    context.forwardBackward().run();
                }
            } finally {
                for (int i = 0; i < perturbed.size(); i++) {
                    Weights.copyInto(perturbed.get(i), backups.get(i));
                }
            }
        }
    }
}
