package dev.sweep.worker.cli;

import dev.sweep.common.cli.Options;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.sweep.worker.data.Batch;
import dev.sweep.worker.head.Poolings;
import dev.sweep.worker.head.TaskHead;
import dev.sweep.worker.loss.Losses;
import dev.sweep.worker.loss.TaskLoss;
import dev.sweep.worker.model.Encoder;
import dev.sweep.worker.model.ModelConfig;
import dev.sweep.worker.model.Pretrained;
import dev.sweep.worker.optim.AdamW;
import dev.sweep.worker.optim.TrainableParameter;
import dev.sweep.worker.train.MemoryProbe;
import dev.sweep.worker.train.TextModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The optimizer-step benchmark: the embedded encoder with a 6-output regression head (mean
 * pooling, MSE), AdamW, fp32, random token ids; median wall time per step after warm-up, split
 * into forward+loss, backward and optimizer. A measurement, not a test: run it on a quiet machine.
 */
final class StepBenchmark {
    private StepBenchmark() {}

    static void main(List<String> args) {
        Options o = Options.parse(args, List.of("--steps", "--warmup", "--batch", "--tokens", "--dropout", "--threads"));
        int steps = o.intValue("--steps", 10);
        int warmup = o.intValue("--warmup", 3);
        int batch = o.intValue("--batch", 8);
        int tokens = o.intValue("--tokens", 256);
        double dropout = o.doubleValue("--dropout", 0.1);
        EngineSettings.apply(o.intValue("--threads", 0));
        Engine.getInstance().setRandomSeed(42);

        Pretrained pretrained = Pretrained.embedded();
        ModelConfig config = pretrained.config().withDropout(dropout, dropout);
        try (NDManager manager = NDManager.newBaseManager()) {
            Encoder encoder = Encoder.fromWeights(config, pretrained.weights(), manager, pretrained.source());
            TaskHead head = new TaskHead(Poolings.create("mean", config.hiddenSize(), config.numLayers() + 1, 4, manager),
                    config.hiddenSize(), 6, 0f, manager);
            TextModel model = new TextModel(encoder, head);
            List<TrainableParameter> params = new ArrayList<>();
            model.namedParameters().forEach((name, p) -> params.add(new TrainableParameter(name, p, 2e-5,
                    TrainableParameter.decays(name, p.getType()) ? 0.01 : 0)));
            TaskLoss loss = Losses.create("mse");
            Random rng = new Random(42);
            double[] forward = new double[steps];
            double[] backward = new double[steps];
            double[] optimizer = new double[steps];
            double[] total = new double[steps];
            try (AdamW adamW = new AdamW(params, 0.9, 0.999, 1e-6)) {
                for (int s = 0; s < warmup + steps; s++) {
                    try (NDManager scope = manager.newSubManager()) {
                        Batch b = randomBatch(scope, rng, batch, tokens, config.vocabSize());
                        long t0 = System.nanoTime();
                        long t1;
                        long t2;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray value = loss.compute(model.forward(b, true), b.targets());
                            value.getFloat(); // wait for the forward pass
                            t1 = System.nanoTime();
                            gc.backward(value);
                            t2 = System.nanoTime();
                        }
                        adamW.step(1.0);
                        long t3 = System.nanoTime();
                        if (s >= warmup) {
                            int i = s - warmup;
                            forward[i] = (t1 - t0) / 1e6;
                            backward[i] = (t2 - t1) / 1e6;
                            optimizer[i] = (t3 - t2) / 1e6;
                            total[i] = (t3 - t0) / 1e6;
                        }
                    }
                }
            }
            double step = median(total);
            System.out.printf(Locale.ROOT, "step benchmark: batch %d x %d tokens, fp32, dropout %.2f, threads %s, "
                    + "embedded all-MiniLM-L6-v2 + mean pooling + 6-output head, AdamW%n", batch, tokens, dropout,
                    System.getProperty("ai.djl.pytorch.num_threads", "engine default"));
            System.out.printf(Locale.ROOT, "median over %d steps after %d warm-ups:%n", steps, warmup);
            System.out.printf(Locale.ROOT, "  forward+loss %8.1f ms%n", median(forward));
            System.out.printf(Locale.ROOT, "  backward     %8.1f ms%n", median(backward));
            System.out.printf(Locale.ROOT, "  optimizer    %8.1f ms%n", median(optimizer));
            System.out.printf(Locale.ROOT, "  step         %8.1f ms  (min %.1f, max %.1f)  %.2f samples/s%n", step,
                    Arrays.stream(total).min().orElse(0), Arrays.stream(total).max().orElse(0), batch * 1000 / step);
            System.out.printf(Locale.ROOT, "  peak resident memory %d MiB%n", MemoryProbe.peakResidentBytes() >> 20);
        }
    }

    private static Batch randomBatch(NDManager scope, Random rng, int batch, int tokens, int vocab) {
        long[] ids = new long[batch * tokens];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i % tokens == 0 ? 101 : 1000 + rng.nextInt(vocab - 1000);
        }
        float[] targets = new float[batch * 6];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = 1 + rng.nextInt(9) * 0.5f;
        }
        Shape shape = new Shape(batch, tokens);
        return new Batch(scope.create(ids, shape), scope.ones(shape, DataType.INT64), scope.zeros(shape, DataType.INT64),
                scope.create(targets, new Shape(batch, 6)), new int[batch]);
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
