package dev.sweep.worker.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import dev.sweep.worker.tensor.Scalars;

/**
 * Clipping by the global gradient norm, as {@code torch.nn.utils.clip_grad_norm_} does. DJL's own
 * {@code clipGrad} clamps each element from above only, which is a different thing.
 */
public final class GradientClipping {
    private GradientClipping() {}

    /**
     * Scales every gradient by {@code maxNorm / (norm + 1e-6)} when the global L2 norm exceeds
     * {@code maxNorm}.
     *
     * @return the global norm before clipping; a non-finite norm is returned and nothing is scaled
     */
    public static double clipGlobalNorm(List<NDArray> parameterArrays, double maxNorm) {
        List<NDArray> grads = new ArrayList<>(parameterArrays.size());
        List<NDArray> norms = new ArrayList<>(parameterArrays.size());
        try {
            for (NDArray w : parameterArrays) {
                if (!w.hasGradient()) {
                    continue;
                }
                NDArray g = w.getGradient();
                grads.add(g);
                norms.add(g.norm());
            }
            if (grads.isEmpty()) {
                return 0;
            }
            double total;
            // one host sync for all tensors
            try (NDArray stacked = NDArrays.stack(new NDList(norms)); NDArray n = stacked.norm()) {
                total = n.getFloat();
            }
            if (Double.isFinite(total) && total > maxNorm) {
                float coefficient = (float) (maxNorm / (total + 1e-6));
                for (NDArray g : grads) {
                    Scalars.timesInPlace(g, coefficient); // a view on the real gradient: scaled in place
                }
            }
            return total;
        } finally {
            norms.forEach(NDArray::close);
            grads.forEach(NDArray::close);
        }
    }
}
