package dev.sweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.sweep.worker.model.weights.HostTensor;
import dev.sweep.worker.model.weights.WeightsException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The step every encoder's loading shares: a checkpoint's tensors, renamed to the encoder's
 * names, checked against the shapes its config implies (every missing tensor named, or the first
 * of the wrong shape), and copied into trainable parameters in memory libtorch owns. Tensors the
 * encoder does not use (a pooler, a task head) are ignored.
 */
final class EncoderWeights {
    private EncoderWeights() {}

    /**
     * @param canonical a checkpoint name to the encoder's (model prefixes and old names removed)
     * @throws WeightsException naming every missing tensor, or the first one of the wrong shape
     */
    static Map<String, Parameter> load(Map<String, long[]> expected, Map<String, HostTensor> weights,
            UnaryOperator<String> canonical, NDManager manager, String source) {
        Map<String, HostTensor> byName = new LinkedHashMap<>();
        for (HostTensor t : weights.values()) {
            byName.put(canonical.apply(t.name()), t);
        }
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(byName.keySet());
        if (!missing.isEmpty()) {
            throw new WeightsException(source + ": " + missing.size() + " encoder tensors are missing, e.g. "
                    + missing.stream().limit(5).toList() + "; the weights do not fit this config.json");
        }
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            HostTensor t = byName.get(e.getKey());
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new WeightsException(source + ": tensor " + e.getKey() + " has shape " + Arrays.toString(t.shape())
                        + " but config.json implies " + Arrays.toString(e.getValue())
                        + "; the weights do not fit this config.json (or the tokenizer's vocabulary)");
            }
            params.put(e.getKey(), BertEncoder.parameter(e.getKey(), owned(manager, t)));
        }
        return params;
    }

    /**
     * The tensor in memory libtorch allocates. {@code create(float[])} on the CPU wraps a Java
     * direct buffer without copying; a parameter lives for the whole run, so it gets its own.
     */
    static NDArray owned(NDManager manager, HostTensor t) {
        try (NDArray staged = manager.create(t.data(), new Shape(t.shape()))) {
            return staged.duplicate();
        }
    }
}
