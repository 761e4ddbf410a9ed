package dev.sweep.worker.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.sweep.worker.model.ParameterArrays;
import dev.sweep.worker.model.Parameters;
import java.util.List;
import java.util.Map;

/**
 * Weighted-layer pooling: a learned weight per layer for the top K layers (initialised to 1),
 * the states mixed as {@code sum_i w_i h_i / sum_i w_i}, then the first token of the mix.
 */
final class WeightedLayerPooling implements Pooling {
    static final String NAME = "head.pool.layer_weights";
    private final int layers;
    private final Parameter weights;
    private ParameterArrays arrays = new ParameterArrays();

    WeightedLayerPooling(int layers, int numHiddenStates, NDManager manager) {
        if (layers > numHiddenStates) {
            throw new IllegalArgumentException("model.pooling_layers must be <= the number of hidden states ("
                    + numHiddenStates + "), but got " + layers);
        }
        this.layers = layers;
        this.weights = Parameters.ones(manager, NAME, Parameter.Type.WEIGHT, layers);
    }

    @Override
    public NDArray pool(List<NDArray> hiddenStates, NDArray mask, boolean training) {
        NDArray stacked = NDArrays.stack(new NDList(hiddenStates.subList(hiddenStates.size() - layers,
                hiddenStates.size()))); // [K, B, T, H]
        NDManager scope = stacked.getManager();
        // ops whose first operand is the parameter would land in the model's manager and pile
        // up there step after step: attach them to the batch's scope
        NDArray w = arrays.of(weights).reshape(layers, 1, 1, 1);
        w.attach(scope);
        NDArray total = w.sum();
        total.attach(scope);
        NDArray mixed = stacked.mul(w).sum(new int[] {0});
        return mixed.div(total).get(":, 0, :");
    }

    @Override
    public void computeWith(ParameterArrays source) {
        this.arrays = source;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return Map.of(NAME, weights);
    }
}
