package dev.sweep.worker.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.TrainingSetup;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Function;

/**
 * Re-initialising the top K encoder layers ({@code reinit_layers}) before training, as in "On
 * the Stability of Few-Sample Transformer Fine-Tuning": weights from N(0, 0.02), biases 0,
 * LayerNorm weights 1.
 */
final class ReinitLayers implements TrainingSetup {
    private final int layers;
    private final int totalLayers;
    private final long seed;
    private final Function<String, OptionalInt> layerOf;

    ReinitLayers(int layers, int totalLayers, long seed, Function<String, OptionalInt> layerOf) {
        this.layers = layers;
        this.totalLayers = totalLayers;
        this.seed = seed;
        this.layerOf = layerOf;
    }

    boolean reinitialised(String name) {
        OptionalInt layer = layerOf.apply(name);
        // the embeddings (-1) are never re-initialised, whatever K
        return layer.isPresent() && layer.getAsInt() >= 0 && layer.getAsInt() >= totalLayers - layers;
    }

    @Override
    public void beforeTraining(StepContext context) {
        Random rng = new Random(seed);
        for (Map.Entry<String, Parameter> e : context.model().namedParameters().entrySet()) {
            if (!reinitialised(e.getKey())) {
                continue;
            }
            NDArray w = e.getValue().getArray();
            float[] values = new float[(int) w.size()];
            if (e.getKey().endsWith("LayerNorm.weight")) {
                java.util.Arrays.fill(values, 1f);
            } else if (!e.getKey().endsWith(".bias")) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (rng.nextGaussian() * 0.02);
                }
            }
            Weights.copyInto(w, values);
        }
    }
}
