package dev.sweep.worker.tricks;

import dev.sweep.worker.optim.TrainableParameter;
import dev.sweep.worker.train.ParameterPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Layer-wise learning-rate decay ({@code llrd}): counting the embeddings as depth 1 and encoder
 * layer i as depth i + 2, a parameter at depth d trains at {@code lr * decay^(n_layers + 1 - d)}:
 * the top layer at lr, each layer below one factor of decay lower, the embeddings lowest. The
 * head keeps its own learning rate; weight-decay exclusions are untouched. The encoder says which
 * layer a parameter belongs to (DeBERTa's shared relative-position table counts with the embeddings).
 */
final class LayerwiseLrDecay implements ParameterPolicy {
    private final double decay;
    private final int layers;
    private final Function<String, OptionalInt> layerOf;

    LayerwiseLrDecay(double decay, int layers, Function<String, OptionalInt> layerOf) {
        this.decay = decay;
        this.layers = layers;
        this.layerOf = layerOf;
    }

    /** The multiplier of a parameter's learning rate, 1 for the head. */
    double factor(String name) {
        OptionalInt layer = layerOf.apply(name);
        if (layer.isEmpty()) {
            return 1.0;
        }
        int depth = layer.getAsInt() + 2; // the embeddings (-1) at depth 1
        return Math.pow(decay, layers + 1 - depth);
    }

    @Override
    public List<TrainableParameter> configure(List<TrainableParameter> parameters) {
        List<TrainableParameter> out = new ArrayList<>(parameters.size());
        for (TrainableParameter p : parameters) {
            out.add(p.withLr(p.lr() * factor(p.name())));
        }
        return out;
    }
}
