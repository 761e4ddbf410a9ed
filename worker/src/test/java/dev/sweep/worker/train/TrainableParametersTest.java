package dev.sweep.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.sweep.common.trial.TrainingSpec;
import dev.sweep.worker.head.Poolings;
import dev.sweep.worker.head.TaskHead;
import dev.sweep.worker.model.BertEncoder;
import dev.sweep.worker.model.EncoderConfig;
import dev.sweep.worker.optim.TrainableParameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainableParametersTest {
    @Test
    void theHeadTrainsAtHeadLrTheEncoderAtLrAndBiasesAndLayerNormsAreNotDecayed() {
        EncoderConfig config = EncoderConfig.parse("{\"vocab_size\":20,\"hidden_size\":4,\"num_hidden_layers\":1,"
                + "\"num_attention_heads\":2,\"intermediate_size\":8,\"max_position_embeddings\":8,\"type_vocab_size\":2,"
                + "\"hidden_dropout_prob\":0,\"attention_probs_dropout_prob\":0}", "tiny");
        TrainingSpec spec = new TrainingSpec(null, null, null, 1e-5, 1e-3, 0.05, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
        try (NDManager m = NDManager.newBaseManager()) {
            TextModel model = new TextModel(BertEncoder.random(config, m, 1),
                    new TaskHead(Poolings.create("attention", 4, 2, 1, m), 4, 2, 0f, m));
            List<TrainableParameter> params = new TrainingLoop(model, null, spec, null, false, List.of(), p -> { }, m)
                    .trainableParameters();
            assertEquals(model.namedParameters().size(), params.size());
            for (TrainableParameter p : params) {
                assertEquals(p.name().startsWith("head.") ? 1e-3 : 1e-5, p.lr(), p.name());
                boolean noDecay = p.name().endsWith(".bias") || p.name().contains("LayerNorm")
                        || p.name().equals("head.pool.attention.1.weight");
                assertEquals(noDecay ? 0.0 : 0.05, p.weightDecay(), p.name());
            }
            assertTrue(params.stream().anyMatch(p -> p.name().equals("head.fc.weight") && p.weightDecay() == 0.05));
        }
    }
}
