package dev.sweep.worker.tricks;

import dev.sweep.worker.optim.TrainableParameter;
import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.TrainingSetup;
import dev.sweep.worker.train.ParameterPolicy;
import dev.sweep.worker.model.Encoder;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Freezing ({@code freeze_layers}): the embeddings and the bottom K encoder layers get no
 * gradient and no update, as the Feedback Prize notebooks did for large models. Their backward
 * pass is skipped too, which is where the time goes.
 */
final class FreezeLayers implements TrainingSetup, ParameterPolicy {
    private final int layers;
    private final boolean embeddings;
    private final Function<String, OptionalInt> layerOf;

    FreezeLayers(int layers, boolean embeddings, Function<String, OptionalInt> layerOf) {
        this.layers = layers;
        this.embeddings = embeddings;
        this.layerOf = layerOf;
    }

    boolean frozen(String name) {
        OptionalInt layer = layerOf.apply(name);
        if (layer.isEmpty()) {
            return false;
        }
        return layer.getAsInt() == Encoder.EMBEDDINGS ? embeddings : layer.getAsInt() < layers;
    }

    @Override
    public void beforeTraining(StepContext context) {
        context.model().namedParameters().forEach((name, p) -> {
            if (frozen(name)) {
                p.getArray().setRequiresGradient(false);
            }
        });
    }

    @Override
    public List<TrainableParameter> configure(List<TrainableParameter> parameters) {
        return parameters.stream().filter(p -> !frozen(p.name())).toList();
    }
}
