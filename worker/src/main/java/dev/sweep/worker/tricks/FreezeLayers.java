package dev.sweep.worker.tricks;

import dev.sweep.worker.optim.TrainableParameter;
import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.TrainingHook;
import java.util.List;

/**
 * Freezing ({@code freeze_layers}): the embeddings and the bottom K encoder layers get no
 * gradient and no update, as the Feedback Prize notebooks did for large models. Their backward
 * pass is skipped too, which is where the time goes.
 */
final class FreezeLayers implements TrainingHook {
    private final int layers;
    private final boolean embeddings;

    FreezeLayers(int layers, boolean embeddings) {
        this.layers = layers;
        this.embeddings = embeddings;
    }

    boolean frozen(String name) {
        if (name.startsWith("embeddings.")) {
            return embeddings;
        }
        if (name.startsWith("encoder.layer.")) {
            String rest = name.substring("encoder.layer.".length());
            return Integer.parseInt(rest.substring(0, rest.indexOf('.'))) < layers;
        }
        return false;
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
    public List<TrainableParameter> configureParameters(List<TrainableParameter> parameters) {
        return parameters.stream().filter(p -> !frozen(p.name())).toList();
    }
}
