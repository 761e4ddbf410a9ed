package dev.sweep.worker.tricks;

import dev.sweep.worker.optim.TrainableParameter;
import dev.sweep.worker.train.TrainingHook;
import java.util.ArrayList;
import java.util.List;

/**
 * Layer-wise learning-rate decay ({@code llrd}): counting the embeddings as depth 1 and encoder
 * layer i as depth i + 2, a parameter at depth d trains at {@code lr * decay^(n_layers + 1 - d)}:
 * the top layer at lr, each layer below one factor of decay lower, the embeddings lowest. The
 * head keeps its own learning rate; weight-decay exclusions are untouched.
 */
final class LayerwiseLrDecay implements TrainingHook {
    private final double decay;
    private final int layers;

    LayerwiseLrDecay(double decay, int layers) {
        this.decay = decay;
        this.layers = layers;
    }

    /** The multiplier of a parameter's learning rate, 1 for the head. */
    double factor(String name) {
        int depth;
        if (name.startsWith("embeddings.")) {
            depth = 1;
        } else if (name.startsWith("encoder.layer.")) {
            String rest = name.substring("encoder.layer.".length());
            depth = Integer.parseInt(rest.substring(0, rest.indexOf('.'))) + 2;
        } else {
            return 1.0;
        }
        return Math.pow(decay, layers + 1 - depth);
    }

    @Override
    public List<TrainableParameter> configureParameters(List<TrainableParameter> parameters) {
        List<TrainableParameter> out = new ArrayList<>(parameters.size());
        for (TrainableParameter p : parameters) {
            out.add(p.withLr(p.lr() * factor(p.name())));
        }
        return out;
    }
}
