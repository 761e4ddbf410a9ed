package dev.sweep.worker.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import dev.sweep.worker.model.ParameterArrays;
import dev.sweep.worker.model.Parameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attention pooling as in the Feedback Prize notebooks: a score per token from
 * Linear(H, H), LayerNorm, GELU, Linear(H, 1); softmax over the real tokens; the weighted sum of
 * the last layer's states. Names follow the notebooks' {@code nn.Sequential} indices. The last
 * Linear has no bias: softmax ignores a shift shared by every token, so that bias would never
 * get a gradient (the notebooks carry it as dead weight).
 */
final class AttentionPooling implements Pooling {
    static final String PREFIX = "head.pool.attention.";
    private final int hidden;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private ParameterArrays arrays = new ParameterArrays();

    AttentionPooling(int hidden, NDManager manager) {
        this.hidden = hidden;
        add(Parameters.normal(manager, PREFIX + "0.weight", hidden, hidden));
        add(Parameters.zeros(manager, PREFIX + "0.bias", Parameter.Type.BIAS, hidden));
        add(Parameters.ones(manager, PREFIX + "1.weight", Parameter.Type.GAMMA, hidden));
        add(Parameters.zeros(manager, PREFIX + "1.bias", Parameter.Type.BETA, hidden));
        add(Parameters.normal(manager, PREFIX + "3.weight", 1, hidden));
    }

    private void add(Parameter p) {
        parameters.put(p.getName(), p);
    }

    private NDArray w(String suffix) {
        return arrays.of(parameters.get(PREFIX + suffix));
    }

    @Override
    public NDArray pool(List<NDArray> hiddenStates, NDArray mask, boolean training) {
        NDArray last = hiddenStates.get(hiddenStates.size() - 1);
        NDArray a = Linear.linear(last, w("0.weight"), w("0.bias")).singletonOrThrow();
        a = LayerNorm.layerNorm(a, new Shape(hidden), w("1.weight"), w("1.bias"), 1e-5f).singletonOrThrow();
        NDArray scores = Linear.linear(Activation.gelu(a), w("3.weight")).singletonOrThrow();
        NDArray weights = Masks.fillPadding(scores, Masks.expand(mask, scores), -1e9f).softmax(1);
        return last.mul(weights).sum(new int[] {1});
    }

    @Override
    public void computeWith(ParameterArrays source) {
        this.arrays = source;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return parameters;
    }
}
