package dev.sweep.worker.model;

import static dev.sweep.worker.model.DebertaParityTest.expected;
import static dev.sweep.worker.model.DebertaParityTest.fixtures;
import static dev.sweep.worker.model.DebertaParityTest.flat;
import static dev.sweep.worker.model.DebertaParityTest.longs;
import static dev.sweep.worker.model.DebertaParityTest.maxDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * ERNIE 3.0 ({@code model_type ernie}: BERT's layout with task-type embeddings) against Hugging
 * Face transformers 4.57.6's own {@code ErnieModel} on the shared ernie-3.0-tiny fixture: token
 * types 0-3 and task types 0-2 in the inputs, every layer's hidden states, the loss
 * {@code sum(last_hidden_state * loss_weights)} and the listed gradients (the task-type table's
 * among them). The fixture's pooler is not used by the encoder (heads pool for themselves).
 *
 * <p>Tolerances as DebertaParityTest argues them, from the fixture's own float32-vs-float64
 * errors: hidden states 2.2e-6 at most on real tokens (|h| up to 4.0), so {@code atol 2e-5};
 * loss 1.2e-6 relative, so {@code rtol 1e-5}; each gradient's worst float32 error 6.6e-7 of its
 * tensor's max|g| (the token-type table), so {@code 1e-5 x max|g|}.
 */
class ErnieParityTest {
    @Test
    void hiddenStatesLossAndGradientsMatchTransformers() throws IOException {
        Path folder = fixtures().resolve("ernie-3.0-tiny");
        JsonNode e = expected(folder);
        Pretrained p = Pretrained.withoutTokenizer(folder);
        EncoderConfig config = assertInstanceOf(EncoderConfig.class, p.config());
        assertEquals("ernie", config.modelType());
        assertTrue(config.useTaskId());
        JsonNode in = e.get("inputs");
        int batch = in.get("input_ids").size();
        int tokens = in.get("input_ids").get(0).size();
        long[] mask = longs(in.get("attention_mask"));
        int hidden = config.hiddenSize();
        StringBuilder report = new StringBuilder("ernie-3.0-tiny:");
        try (NDManager m = NDManager.newBaseManager()) {
            BertEncoder encoder = assertInstanceOf(BertEncoder.class, p.encoder(m));
            NDArray ids = m.create(longs(in.get("input_ids")), new Shape(batch, tokens));
            NDArray maskArray = m.create(mask, new Shape(batch, tokens));
            NDArray types = m.create(longs(in.get("token_type_ids")), new Shape(batch, tokens));
            NDArray tasks = m.create(longs(in.get("task_type_ids")), new Shape(batch, tokens));
            NDArray weights = m.create(flat(e.get("training").get("loss_weights")), new Shape(batch, tokens, hidden));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                List<NDArray> states = encoder.forward(ids, maskArray, types, tasks, false);
                JsonNode want = e.get("outputs").get("hidden_states");
                assertEquals(want.size(), states.size(), "hidden states: embeddings + every layer");
                for (int layer = 0; layer < states.size(); layer++) {
                    double[] d = maxDiff(states.get(layer).toFloatArray(), flat(want.get(layer)), mask, hidden);
                    report.append(String.format(Locale.ROOT, " h[%d] %.2e (all positions %.2e);", layer, d[0], d[1]));
                    assertTrue(d[0] <= DebertaParityTest.HIDDEN_ATOL, "hidden_states[" + layer + "] differs by " + d[0]);
                }
                NDArray last = states.get(states.size() - 1);
                NDArray loss = last.mul(weights).sum();
                double expectedLoss = e.get("training").get("loss_value").doubleValue();
                double lossValue = loss.getFloat();
                report.append(String.format(Locale.ROOT, " loss %.6f vs %.6f;", lossValue, expectedLoss));
                assertEquals(expectedLoss, lossValue, Math.abs(expectedLoss) * DebertaParityTest.LOSS_RTOL, "loss");
                gc.backward(loss);
            }
            DebertaParityTest.checkGradients(e, encoder.namedParameters(), "ernie-3.0-tiny", report);
            // without task-type ids the encoder takes them as 0, as ErnieModel does when none are given
            List<NDArray> zeroTasks = encoder.forward(ids, maskArray, types, m.zeros(new Shape(batch, tokens),
                    ai.djl.ndarray.types.DataType.INT64), false);
            List<NDArray> noTasks = encoder.forward(ids, maskArray, types, false);
            assertArrayEquals(zeroTasks.get(2).toFloatArray(), noTasks.get(2).toFloatArray());
        }
        System.out.println(report);
        Path out = Path.of("target", "ernie-parity.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString().replace(";", ";\n") + "\n");
    }

    @Test
    void aSavedErnieConfigKeepsItsTaskTypeTable() throws IOException {
        EncoderConfig config = (EncoderConfig) Pretrained.withoutTokenizer(fixtures().resolve("ernie-3.0-tiny")).config();
        EncoderConfig back = EncoderConfig.parse(config.toHuggingFaceJson(), "saved");
        assertEquals(config, back, "model_type ernie, use_task_id and task_type_vocab_size written back");
        assertTrue(BertEncoder.expectedShapes(back).containsKey("embeddings.task_type_embeddings.weight"));
    }

    @Test
    void useTaskIdOutsideErnieIsRefused() {
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> EncoderConfig.parse(
                "{\"model_type\":\"bert\",\"vocab_size\":10,\"hidden_size\":8,\"num_hidden_layers\":1,"
                        + "\"num_attention_heads\":2,\"intermediate_size\":8,\"max_position_embeddings\":16,"
                        + "\"use_task_id\":true}", "cfg"));
        assertTrue(e.getMessage().contains("use_task_id belongs to model_type ernie"), e.getMessage());
    }
}
