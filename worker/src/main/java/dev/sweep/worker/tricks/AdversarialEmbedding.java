package dev.sweep.worker.tricks;

import ai.djl.nn.Parameter;
import dev.sweep.worker.train.TextModel;
import java.util.Map;

/**
 * Finds the embedding matrix an adversarial trick perturbs: the encoder's word embeddings for the
 * default target {@code word_embeddings}, otherwise the one parameter whose name contains the target.
 */
final class AdversarialEmbedding {
    private AdversarialEmbedding() {}

    static final String WORD_EMBEDDINGS = "word_embeddings";

    static Parameter find(TextModel model, String target, String trick) {
        if (target.equals(WORD_EMBEDDINGS)) {
            return model.namedParameters().get(model.encoder().wordEmbeddingsName());
        }
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
