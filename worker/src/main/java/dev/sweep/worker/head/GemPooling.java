package dev.sweep.worker.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.sweep.worker.model.ParameterArrays;
import dev.sweep.worker.model.Parameters;
import dev.sweep.worker.tensor.Scalars;
import java.util.List;
import java.util.Map;

/**
 * Generalised-mean (GeM) pooling over the real tokens of the last layer, the head of the FB3
 * first-place solution: {@code (sum_t m_t max(h_t, eps)^p / max(sum_t m_t, eps))^(1/p)} per hidden
 * unit, with one learnable exponent {@code p} that starts at 3. p = 1 is the masked mean of the
 * clamped states; a large p tends to their maximum. States below eps are clamped to eps, so the
 * power and its root stay real, and padding (mask 0) adds exactly 0 for any p > 0.
 */
final class GemPooling implements Pooling {
    static final String NAME = "head.pool.gem.p";
    static final float INITIAL_P = 3f;
    static final double EPS = 1e-6;
    private final Parameter p;
    private ParameterArrays arrays = new ParameterArrays();

    GemPooling(NDManager manager) {
        // the exponent is a shape parameter, not a weight to shrink: typed as a bias so AdamW's
        // decoupled weight decay leaves it alone, as it does the LayerNorm and bias parameters
        this.p = Parameters.trainable(NAME, Parameter.Type.BIAS,
                manager.full(new Shape(1), INITIAL_P, DataType.FLOAT32));
    }

    @Override
    public NDArray pool(List<NDArray> hiddenStates, NDArray mask, boolean training) {
        NDArray last = hiddenStates.get(hiddenStates.size() - 1);
        NDArray m = Masks.expand(mask, last); // [B, T, 1]
        NDArray exponent = arrays.of(p);
        // the first operand of each op is a batch array, so every result lands in the batch's
        // scope and none in the model's manager (where the parameter lives)
        NDArray powered = Scalars.atLeast(last, EPS).mul(m).pow(exponent); // padding: 0^p = 0
        NDArray mean = powered.sum(new int[] {1}).div(Scalars.atLeast(m.sum(new int[] {1}), EPS));
        NDArray root;
        try (NDArray one = Scalars.constant(mean, 1.0)) {
            root = one.div(exponent);
        }
        return mean.pow(root);
    }

    @Override
    public void computeWith(ParameterArrays source) {
        this.arrays = source;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return Map.of(NAME, p);
    }
}
