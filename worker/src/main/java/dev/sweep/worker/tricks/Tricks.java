package dev.sweep.worker.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sweep.worker.train.TrainingHook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.sweep.common.trial.TrickCatalog;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Makes the hooks a trial's {@code tricks:} section asks for. The order of the returned hooks is
 * fixed (not the config's), so that, for example, layer-wise decay sets learning rates before
 * freezing removes parameters, whatever order a user wrote.
 */
public final class Tricks {
    private Tricks() {}

    /** Parameter names come from {@link TrickCatalog}, which the coordinator checks specs against. */
    private record Factory(BiFunction<TrickParams, Context, TrainingHook> make) {}

    private record Context(TrickEnvironment env, NDManager manager) {}

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("fma", new Factory((p, c) -> new FineTunedModelAveraging(
                p.strings("members").stream().map(m -> c.env().baseDir().resolve(m)).toList())));
        FACTORIES.put("reinit_layers", new Factory((p, c) -> {
            int total = c.env().model().encoder().numLayers();
            return new ReinitLayers(p.integer("layers", 1, 1, total), total, c.env().training().seed(),
                    c.env().model()::layerOf);
        }));
        FACTORIES.put("llrd", new Factory((p, c) -> new LayerwiseLrDecay(
                p.number("decay", 0.9, 1e-6, 1.0), c.env().model().encoder().numLayers(), c.env().model()::layerOf)));
        FACTORIES.put("freeze_layers", new Factory((p, c) -> new FreezeLayers(
                p.integer("layers", 0, 0, c.env().model().encoder().numLayers()),
                Boolean.parseBoolean(p.text("embeddings", "true", Set.of("true", "false"))), c.env().model()::layerOf)));
        FACTORIES.put("grad_accum", new Factory((p, c) -> new GradientAccumulation(
                p.integer("steps", 2, 1, 1024))));
        FACTORIES.put("multi_sample_dropout", new Factory((p, c) -> new MultiSampleDropout(
                p.integer("samples", 5, 1, 64), p.number("rate", 0.5, 0, 0.95))));
        FACTORIES.put("rdrop", new Factory((p, c) -> new RDrop(p.number("alpha", 1.0, 0, 1e4),
                c.env().model(), c.env().loss(), c.env().taskType())));
        FACTORIES.put("fgm", new Factory((p, c) -> new FastGradientMethod(
                p.number("epsilon", 1.0, 1e-9, 1e3),
                AdversarialEmbedding.find(c.env().model(), p.text("target", "word_embeddings", null), "fgm"),
                c.manager())));
        FACTORIES.put("pgd", new Factory((p, c) ->
                new ProjectedGradientDescent(p.number("epsilon", 1.0, 1e-9, 1e3), p.number("alpha", 0.3, 1e-9, 1e3),
                        p.integer("steps", 3, 1, 20),
                        AdversarialEmbedding.find(c.env().model(), p.text("target", "word_embeddings", null), "pgd"),
                        arrays(c.env()), c.manager())));
        FACTORIES.put("awp", new Factory((p, c) ->
                new AdversarialWeightPerturbation(p.number("adv_lr", 1.0, 0, 1e3), p.number("adv_eps", 0.2, 0, 10),
                        p.integer("start_epoch", 1, 1, 10_000), c.env().model().namedParameters(),
                        p.text("target", "weight", null), c.manager())));
        FACTORIES.put("ema", new Factory((p, c) -> new ExponentialMovingAverage(
                p.number("decay", 0.999, 0, 0.999999), c.manager())));
        FACTORIES.put("swa", new Factory((p, c) -> {
            double lr = p.has("lr") ? p.number("lr", 0, 1e-12, 1) / c.env().training().lr() : Double.NaN;
            return new StochasticWeightAveraging(p.number("start", 0.75, 0, 1), p.integer("every_steps", 0, 0, 1_000_000),
                    c.env().training().epochs(), lr, c.manager());
        }));
        // last: its pass wraps every other hook's, and it copies the weights the others have set up
        FACTORIES.put("amp", new Factory((p, c) -> {
            String dtype = p.text("dtype", "fp16", Set.of("fp16", "bf16"));
            if (dtype.equals("bf16")) {
                throw new IllegalArgumentException("tricks.amp.dtype bf16 cannot run on DJL 0.35.1: its PyTorch JNI has "
                        + "no bfloat16 type and aborts the JVM on one; use dtype fp16");
            }
            if (!c.env().onGpu()) {
                throw new IllegalArgumentException("tricks.amp needs a CUDA device, and this worker trains on the CPU, "
                        + "where fp16 matrix products run at about 2 GFLOP/s (fp32: about 150); remove amp from the "
                        + "trial or run it on a GPU worker");
            }
            return new MixedPrecision(p.number("init_scale", 65536, 1, 1 << 24),
                    p.integer("growth_interval", 2000, 1, 1_000_000), c.manager());
        }));
    }

    /** The names of every trick, in the order their hooks run. */
    public static Set<String> names() {
        return FACTORIES.keySet();
    }

    /**
     * @param config trick name to its parameters, as in the trial config
     * @param manager where tricks keep their state (shadow weights, backups); the caller closes it
     */
    public static List<TrainingHook> create(Map<String, Map<String, Object>> config, TrickEnvironment env,
            NDManager manager) {
        for (String name : config.keySet()) {
            if (!FACTORIES.containsKey(name)) {
                throw new IllegalArgumentException("tricks: unknown trick '" + name + "'; known: " + new TreeSet<>(FACTORIES.keySet()));
            }
        }
        List<TrainingHook> hooks = new ArrayList<>();
        Context context = new Context(env, manager);
        FACTORIES.forEach((name, factory) -> {
            if (config.containsKey(name)) {
                hooks.add(factory.make().apply(new TrickParams(name, config.get(name), TrickCatalog.parameters(name)), context));
            }
        });
        return hooks;
    }

    private static List<NDArray> arrays(TrickEnvironment env) {
        return env.model().namedParameters().values().stream().map(p -> p.getArray()).toList();
    }

}
