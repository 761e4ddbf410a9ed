package dev.sweep.worker.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import dev.sweep.worker.model.NamedParameters;
import dev.sweep.worker.model.ParameterArrays;
import dev.sweep.worker.model.Parameters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.sweep.worker.tensor.Scalars;

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
    private int dropoutSamples = 1;
    private ParameterArrays arrays = new ParameterArrays();
    private float sampleDropout;

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

    /**
     * Starts the bias at {@code values} (a regression head at the targets' means) instead of 0.
     * An initial value written into the parameter before training, not a constant of the graph.
     */
    public void startBiasAt(float[] values) {
        if (values.length != bias.getArray().getShape().get(0)) {
            throw new IllegalArgumentException("the head has " + bias.getArray().getShape().get(0) + " outputs, but "
                    + values.length + " starting biases were given");
        }
        bias.getArray().set(values);
    }

    public Pooling pooling() {
        return pooling;
    }

    public float dropout() {
        return dropout;
    }

    /** Where forward passes read the head's and its pooling's parameters. */
    public void computeWith(ParameterArrays source) {
        this.arrays = source;
        pooling.computeWith(source);
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

    /**
     * Multi-sample dropout: in training, average the projections of {@code samples} independent
     * dropout samples (rate {@code rate}) of the pooled vector instead of projecting one.
     */
    public void useDropoutSamples(int samples, float rate) {
        if (samples < 1 || rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout samples need samples >= 1 and rate in [0, 1), but got samples="
                    + samples + ", rate=" + rate);
        }
        this.dropoutSamples = samples;
        this.sampleDropout = rate;
    }

    /** Dropout (in training) then the linear projection of a pooled [B, H] batch. */
    public NDArray project(NDArray pooled, boolean training) {
        if (training && dropoutSamples > 1) {
            NDArray sum = null;
            for (int k = 0; k < dropoutSamples; k++) {
                NDArray one = linear(Dropout.dropout(pooled, sampleDropout, true).singletonOrThrow());
                sum = sum == null ? one : sum.add(one);
            }
            return Scalars.dividedBy(sum, dropoutSamples);
        }
        NDArray x = training && dropout > 0 ? Dropout.dropout(pooled, dropout, true).singletonOrThrow() : pooled;
        return linear(x);
    }

    private NDArray linear(NDArray x) {
        return Linear.linear(x, arrays.of(weight), arrays.of(bias)).singletonOrThrow();
    }
}
