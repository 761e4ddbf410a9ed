package dev.sweep.worker.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.sweep.worker.data.Batch;
import dev.sweep.worker.head.TaskHead;
import dev.sweep.worker.model.Encoder;
import dev.sweep.worker.model.NamedParameters;
import dev.sweep.worker.model.ParameterArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The encoder with a task head on top: token ids in, one row of predictions per example out. */
public final class TextModel implements NamedParameters {
    private final Encoder encoder;
    private final TaskHead head;
    private final Map<String, Parameter> parameters;
    private final ParameterArrays arrays = new ParameterArrays();

    public TextModel(Encoder encoder, TaskHead head) {
        this.encoder = encoder;
        this.head = head;
        encoder.computeWith(arrays);
        head.computeWith(arrays);
        Map<String, Parameter> all = new LinkedHashMap<>(encoder.namedParameters());
        all.putAll(head.namedParameters());
        this.parameters = Collections.unmodifiableMap(all);
    }

    public Encoder encoder() {
        return encoder;
    }

    public TaskHead head() {
        return head;
    }

    /** Encoder and head parameters; encoder names first, head names start with {@code head.}. */
    @Override
    public Map<String, Parameter> namedParameters() {
        return parameters;
    }

    /**
     * The encoder layer a parameter belongs to ({@link Encoder#EMBEDDINGS} for the embeddings);
     * empty for the head's parameters.
     */
    public OptionalInt layerOf(String parameterName) {
        return encoder.layerOf(parameterName);
    }

    /** Where forward passes read parameters: mixed precision stands half-precision copies in here. */
    public ParameterArrays arrays() {
        return arrays;
    }

    /**
     * Predictions [B, outputs], float32 whatever the compute type: scores for regression, logits
     * for classification.
     */
    public NDArray forward(Batch batch, boolean training) {
        List<NDArray> hidden = encoder.forward(batch.inputIds(), batch.attentionMask(), batch.tokenTypeIds(), training);
        NDArray out = head.forward(hidden, batch.attentionMask(), training);
        if (out.getDataType() != DataType.FLOAT32) {
            // adding a float32 zero promotes the type inside the graph; toType would cut the gradient
            out = out.add(out.getManager().zeros(new Shape(1), DataType.FLOAT32));
        }
        return out;
    }
}
