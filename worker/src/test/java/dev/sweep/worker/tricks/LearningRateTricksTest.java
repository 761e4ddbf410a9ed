package dev.sweep.worker.tricks;

import dev.sweep.worker.model.BertEncoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.sweep.worker.optim.TrainableParameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateTricksTest {
    @Test
    void llrdGivesEachParameterTheFormulasLearningRate() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinySetup s = new TinySetup(m, 0.0);
            List<TrainableParameter> base = new ArrayList<>();
            s.model.namedParameters().forEach((n, p) -> base.add(new TrainableParameter(n, p,
                    n.startsWith("head.") ? 1e-3 : 2e-5, n.endsWith(".bias") ? 0 : 0.01)));
            List<TrainableParameter> out = new LayerwiseLrDecay(0.8, 2, BertEncoder::layerOfName).configure(base);
            assertEquals(base.size(), out.size());
            for (int i = 0; i < out.size(); i++) {
                TrainableParameter p = out.get(i);
                // depth: embeddings 1, layer 0 -> 2, layer 1 -> 3; lr * decay^(n_layers + 1 - depth), n_layers = 2
                double expected = p.name().startsWith("embeddings.") ? 2e-5 * 0.8 * 0.8
                        : p.name().startsWith("encoder.layer.0.") ? 2e-5 * 0.8
                        : p.name().startsWith("encoder.layer.1.") ? 2e-5
                        : 1e-3;
                assertEquals(expected, p.lr(), 1e-15, p.name());
                assertEquals(base.get(i).weightDecay(), p.weightDecay(), "decay exclusions kept: " + p.name());
            }
        }
    }
}
