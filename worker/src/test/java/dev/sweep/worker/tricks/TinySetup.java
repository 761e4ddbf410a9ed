package dev.sweep.worker.tricks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.sweep.common.trial.TaskType;
import dev.sweep.worker.data.Batch;
import dev.sweep.worker.head.Poolings;
import dev.sweep.worker.head.TaskHead;
import dev.sweep.worker.loss.Losses;
import dev.sweep.worker.loss.TaskLoss;
import dev.sweep.worker.model.BertEncoder;
import dev.sweep.worker.model.EncoderConfig;
import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.TextModel;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny dropout-free model and one batch, so every pass is deterministic and tricks can be checked exactly. */
final class TinySetup {
    final NDManager manager;
    final TextModel model;
    final Batch batch;
    final TaskLoss loss = Losses.create("ce");

    TinySetup(NDManager manager, double dropout) {
        this.manager = manager;
        EncoderConfig config = EncoderConfig.parse("{\"vocab_size\":30,\"hidden_size\":8,\"num_hidden_layers\":2,"
                + "\"num_attention_heads\":2,\"intermediate_size\":16,\"max_position_embeddings\":16,\"type_vocab_size\":2,"
                + "\"hidden_dropout_prob\":" + dropout + ",\"attention_probs_dropout_prob\":" + dropout + "}", "tiny");
        Engine.getInstance().setRandomSeed(3);
        model = new TextModel(BertEncoder.random(config, manager, 5),
                new TaskHead(Poolings.create("mean", 8, 3, 1, manager), 8, 3, 0f, manager));
        batch = new Batch(manager.create(new long[] {1, 5, 7, 9, 2, 1, 11, 12, 2, 0, 1, 3, 4, 2, 0}, new Shape(3, 5)),
                manager.create(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0}, new Shape(3, 5)),
                manager.zeros(new Shape(3, 5), ai.djl.ndarray.types.DataType.INT64),
                manager.create(new long[] {0, 2, 1}, new Shape(3)), new int[] {0, 1, 2});
    }

    TaskType type() {
        return TaskType.CLASSIFICATION;
    }

    /** One forward and backward of the task loss; gradients add to those there. */
    float forwardBackward() {
        try (NDManager scope = manager.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray value = loss.compute(model.forward(batch, true), batch.targets());
            value.attach(scope);
            gc.backward(value);
            return value.getFloat();
        }
    }

    StepContext context(int epoch, int step) {
        return new StepContext(model, batch, epoch, step, 10, this::forwardBackward);
    }

    void zeroGradients() {
        for (Parameter p : model.namedParameters().values()) {
            try (NDArray g = p.getArray().getGradient()) {
                g.muli(0);
            }
        }
    }

    /** Every parameter's gradient, copied to the host. */
    Map<String, float[]> gradients() {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.namedParameters().forEach((n, p) -> {
            try (NDArray g = p.getArray().getGradient()) {
                out.put(n, g.toFloatArray());
            }
        });
        return out;
    }

    /** Every parameter's values, copied to the host. */
    Map<String, float[]> weights() {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.namedParameters().forEach((n, p) -> out.put(n, p.getArray().toFloatArray()));
        return out;
    }

    Parameter parameter(String name) {
        return model.namedParameters().get(name);
    }
}
