package dev.sweep.worker.head;

import ai.djl.ndarray.NDManager;

/** Makes a pooling by the name a trial config uses. */
public final class Poolings {
    private Poolings() {}

    /**
     * @param hidden the encoder's hidden size
     * @param numHiddenStates hidden states the encoder returns (layers + 1)
     * @param poolingLayers top layers mixed by weighted_layer
     * @param manager where parameterised poolings keep their parameters
     */
    public static Pooling create(String name, int hidden, int numHiddenStates, int poolingLayers, NDManager manager) {
        return switch (name) {
            case "cls" -> SimplePooling.CLS;
            case "mean" -> SimplePooling.MEAN;
            case "max" -> SimplePooling.MAX;
            case "min" -> SimplePooling.MIN;
            case "attention" -> new AttentionPooling(hidden, manager);
            case "gem" -> new GemPooling(manager);
            case "weighted_layer" -> new WeightedLayerPooling(poolingLayers, numHiddenStates, manager);
            default -> throw new IllegalArgumentException("model.pooling must be one of attention, cls, gem, max, mean, "
                    + "min, weighted_layer, but got '" + name + "'");
        };
    }
}
