package dev.sweep.worker.tricks;

import ai.djl.nn.Parameter;
import dev.sweep.worker.train.TextModel;
import java.util.Map;

/** Finds the embedding matrix an adversarial trick perturbs, by a part of its name. */
final class AdversarialEmbedding {
    private AdversarialEmbedding() {}

    static Parameter find(TextModel model, String target, String trick) {
        Parameter found = null;
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            if (e.getKey().contains(target)) {
                if (found != null) {
                    throw new IllegalArgumentException("tricks." + trick + ".target '" + target
                            + "' matches more than one parameter: " + found.getName() + ", " + e.getKey());
                }
                found = e.getValue();
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("tricks." + trick + ".target '" + target
                    + "' matches no parameter; use word_embeddings");
        }
        return found;
    }
}
