package dev.sweep.worker.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import dev.sweep.worker.model.NamedParameters;
import dev.sweep.worker.model.Parameters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The head on the encoder: a pooling, dropout on the pooled vector, and Linear(H, outputs)
 * ({@code head.fc.weight}, {@code head.fc.bias}). Pooling and projection are separate methods so
 * that multi-sample dropout can project several dropout samples of one pooled vector.
 */
public final class TaskHead implements NamedParameters {
    private final Pooling pooling;
    private final float dropout;
    private final Parameter weight;
    private final Parameter bias;
    private final Map<String, Parameter> parameters;

    public TaskHead(Pooling pooling, int hidden, int outputs, float dropout, NDManager manager) {
        if (outputs <= 0) {
            throw new IllegalArgumentException("a head needs at least one output, but got " + outputs);
        }
        this.pooling = pooling;
        this.dropout = dropout;
        this.weight = Parameters.normal(manager, "head.fc.weight", outputs, hidden);
        this.bias = Parameters.zeros(manager, "head.fc.bias", Parameter.Type.BIAS, outputs);
        Map<String, Parameter> all = new LinkedHashMap<>(pooling.namedParameters());
        all.put(weight.getName(), weight);
        all.put(bias.getName(), bias);
        this.parameters = Collections.unmodifiableMap(all);
    }

    public Pooling pooling() {
        return pooling;
    }

    public float dropout() {
        return dropout;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return parameters;
    }

    /** [B, outputs] from the encoder's hidden states. */
    public NDArray forward(List<NDArray> hiddenStates, NDArray mask, boolean training) {
        return project(pooled(hiddenStates, mask, training), training);
    }

    public NDArray pooled(List<NDArray> hiddenStates, NDArray mask, boolean training) {
        return pooling.pool(hiddenStates, mask, training);
    }

    /** Dropout (in training) then the linear projection of a pooled [B, H] batch. */
    public NDArray project(NDArray pooled, boolean training) {
        NDArray x = training && dropout > 0 ? Dropout.dropout(pooled, dropout, true).singletonOrThrow() : pooled;
        return Linear.linear(x, weight.getArray(), bias.getArray()).singletonOrThrow();
    }
}
