package dev.sweep.worker.head;

import ai.djl.ndarray.NDArray;
import dev.sweep.worker.model.NamedParameters;
import dev.sweep.worker.model.ParameterArrays;
import java.util.List;

/** Turns the encoder's token states into one vector per example. */
public interface Pooling extends NamedParameters {
    /**
     * @param hiddenStates the embeddings' output then every layer's, each float [B, T, H]; the last is the top layer
     * @param mask [B, T], 1 for tokens and 0 for padding
     * @return [B, H]
     */
    NDArray pool(List<NDArray> hiddenStates, NDArray mask, boolean training);

    /** Where forward passes read this pooling's parameters; a pooling without parameters ignores it. */
    default void computeWith(ParameterArrays source) {}
}
