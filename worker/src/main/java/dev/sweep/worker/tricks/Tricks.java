package dev.sweep.worker.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sweep.common.trick.TrickDefinition;
import dev.sweep.common.trick.TrickRegistry;
import dev.sweep.worker.train.TrainingExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the plug-ins a trial's {@code tricks:} section asks for, from each trick's declaration in
 * {@link TrickRegistry}: its parameters are read through the declaration (defaults, ranges) and
 * the plug-ins come back in the registry's run order, whatever order a user wrote. Here each trick
 * says only how its plug-in is built.
 */
public final class Tricks {
    private Tricks() {}

    /** Builds one trick's plug-in from its checked parameters. */
    @FunctionalInterface
    private interface Builder {
        TrainingExtension build(TrickParams p, TrickEnvironment env, NDManager manager);
    }

    private static final Map<String, Builder> BUILDERS = new HashMap<>();

    static {
        BUILDERS.put("reinit_layers", (p, env, m) -> {
            int total = env.model().encoder().numLayers();
            return new ReinitLayers(p.layers("layers", total), total, env.training().seed(), env.model()::layerOf);
        });
        BUILDERS.put("llrd", (p, env, m) -> new LayerwiseLrDecay(p.number("decay"), env.model().encoder().numLayers(),
                env.model()::layerOf));
        BUILDERS.put("freeze_layers", (p, env, m) -> new FreezeLayers(
                p.layers("layers", env.model().encoder().numLayers()), p.flag("embeddings"), env.model()::layerOf));
        BUILDERS.put("grad_accum", (p, env, m) -> new GradientAccumulation(p.integer("steps")));
        BUILDERS.put("multi_sample_dropout", (p, env, m) -> new MultiSampleDropout(p.integer("samples"), p.number("rate")));
        BUILDERS.put("rdrop", (p, env, m) -> new RDrop(p.number("alpha"), env.model(), env.loss(), env.taskType()));
        BUILDERS.put("fgm", (p, env, m) -> new FastGradientMethod(p.number("epsilon"),
                AdversarialEmbedding.find(env.model(), p.text("target"), "fgm"), m));
        BUILDERS.put("pgd", (p, env, m) -> new ProjectedGradientDescent(p.number("epsilon"), p.number("alpha"),
                p.integer("steps"), AdversarialEmbedding.find(env.model(), p.text("target"), "pgd"), arrays(env), m));
        BUILDERS.put("awp", (p, env, m) -> new AdversarialWeightPerturbation(p.number("adv_lr"), p.number("adv_eps"),
                p.integer("start_epoch"), env.model().namedParameters(), p.text("target"), m));
        BUILDERS.put("ema", (p, env, m) -> new ExponentialMovingAverage(p.number("decay"), m));
        BUILDERS.put("swa", (p, env, m) -> new StochasticWeightAveraging(p.number("start"), p.integer("every_steps"),
                env.training().epochs(), p.has("lr") ? p.number("lr") / env.training().lr() : Double.NaN, m));
        BUILDERS.put("amp", (p, env, m) -> {
            if (p.text("dtype").equals("bf16")) {
                throw new IllegalArgumentException("tricks.amp.dtype bf16 cannot run on DJL 0.35.1: its PyTorch JNI has "
                        + "no bfloat16 type and aborts the JVM on one; use dtype fp16");
            }
            if (!env.onGpu()) {
                throw new IllegalArgumentException("tricks.amp needs a CUDA device, and this worker trains on the CPU, "
                        + "where fp16 matrix products run at about 2 GFLOP/s (fp32: about 150); remove amp from the "
                        + "trial or run it on a GPU worker");
            }
            return new MixedPrecision(p.number("init_scale"), p.integer("growth_interval"), m);
        });
        if (!BUILDERS.keySet().equals(TrickRegistry.names())) {
            throw new IllegalStateException("the engine builds " + BUILDERS.keySet() + " but the registry declares "
                    + TrickRegistry.names());
        }
    }

    /** The names of every trick the engine builds: the registry's. */
    public static Set<String> names() {
        return TrickRegistry.names();
    }

    /**
     * @param config trick name to its parameters, as in the trial config
     * @param manager where tricks keep their state (shadow weights, backups); the caller closes it
     * @return the plug-ins, in the registry's run order
     */
    public static List<TrainingExtension> create(Map<String, Map<String, Object>> config, TrickEnvironment env,
            NDManager manager) {
        List<TrainingExtension> plugins = new ArrayList<>();
        for (TrickDefinition trick : TrickRegistry.inOrder(config.keySet())) {
            plugins.add(BUILDERS.get(trick.name()).build(new TrickParams(trick, config.get(trick.name())), env, manager));
        }
        return plugins;
    }

    private static List<NDArray> arrays(TrickEnvironment env) {
        return env.model().namedParameters().values().stream().map(p -> p.getArray()).toList();
    }
}
