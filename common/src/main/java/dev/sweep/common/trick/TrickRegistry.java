package dev.sweep.common.trick;

import static dev.sweep.common.trick.TrickParameter.choice;
import static dev.sweep.common.trick.TrickParameter.flag;
import static dev.sweep.common.trick.TrickParameter.integer;
import static dev.sweep.common.trick.TrickParameter.layers;
import static dev.sweep.common.trick.TrickParameter.number;
import static dev.sweep.common.trick.TrickParameter.optionalNumber;
import static dev.sweep.common.trick.TrickParameter.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every trick, in the order the training loop runs their plug-ins: layer-wise decay sets learning
 * rates before freezing removes parameters, the adversarial passes run before the averages see the
 * step, and mixed precision comes last, as its pass wraps every other one and it copies the weights
 * the others have set up. The order is the registry's, never a spec's.
 */
public final class TrickRegistry {
    private static final List<TrickDefinition> ALL = List.of(
            new TrickDefinition("reinit_layers", "re-draws the top K encoder layers before training",
                    List.of(layers("layers", 1, 1, "how many of the top encoder layers are re-initialised")),
                    Map.of(), false),
            new TrickDefinition("llrd", "layer-wise learning-rate decay: each layer below the top one factor lower",
                    List.of(number("decay", 0.9, 1e-6, 1.0, "the factor between one layer's learning rate and the next's")),
                    Map.of(), false),
            new TrickDefinition("freeze_layers", "no gradient and no update for the embeddings and the bottom K layers",
                    List.of(layers("layers", 0, 0, "how many of the bottom encoder layers are frozen"),
                            flag("embeddings", true, "whether the embeddings are frozen too")),
                    Map.of("layers", 3), false),
            new TrickDefinition("grad_accum", "N micro-batches add their gradients before one optimizer step",
                    List.of(integer("steps", 2, 1, 1024, "micro-batches per optimizer step")),
                    Map.of(), false),
            new TrickDefinition("multi_sample_dropout", "the head averages its projection over K dropout samples",
                    List.of(integer("samples", 5, 1, 64, "dropout samples of the pooled vector"),
                            number("rate", 0.5, 0, 0.95, "the dropout rate of each sample")),
                    Map.of(), false),
            new TrickDefinition("rdrop", "two dropout passes, their task losses plus alpha times their divergence",
                    List.of(number("alpha", 1.0, 0, 1e4, "the weight of the divergence between the two passes")),
                    Map.of(), false),
            new TrickDefinition("fgm", "one adversarial step on the embeddings along the gradient",
                    List.of(number("epsilon", 1.0, 1e-9, 1e3, "the perturbation's norm"),
                            text("target", "word_embeddings", "the embedding parameter perturbed (a name fragment)")),
                    Map.of(), false),
            new TrickDefinition("pgd", "K projected adversarial steps on the embeddings",
                    List.of(number("epsilon", 1.0, 1e-9, 1e3, "the radius of the ball the perturbation stays in"),
                            number("alpha", 0.3, 1e-9, 1e3, "the norm of each ascent step"),
                            integer("steps", 3, 1, 20, "ascent steps per optimizer step"),
                            text("target", "word_embeddings", "the embedding parameter perturbed (a name fragment)")),
                    Map.of(), false),
            new TrickDefinition("awp", "adversarial weight perturbation from a given epoch",
                    List.of(number("adv_lr", 1.0, 0, 1e3, "the perturbation's step relative to each weight's norm"),
                            number("adv_eps", 0.2, 0, 10, "the bound of the perturbation relative to each weight"),
                            integer("start_epoch", 1, 1, 10_000, "the first epoch perturbed"),
                            text("target", "weight", "which parameters are perturbed (a name fragment)")),
                    Map.of(), false),
            new TrickDefinition("ema", "evaluation uses an exponential moving average of the weights",
                    List.of(number("decay", 0.999, 0, 0.999999, "the weight of the old average at each step")),
                    Map.of(), false),
            new TrickDefinition("swa", "evaluation uses the running mean of the weights late in training",
                    List.of(number("start", 0.75, 0, 1, "the fraction of training after which averaging starts"),
                            integer("every_steps", 0, 0, 1_000_000, "steps between averaged weights; 0: once an epoch"),
                            optionalNumber("lr", 1e-12, 1, "a constant learning rate while averaging; left out: the schedule's")),
                    Map.of("start", 0.0, "every_steps", 1), false),
            new TrickDefinition("amp", "mixed precision: fp16 passes with a dynamic loss scale, fp32 weights",
                    List.of(choice("dtype", "fp16", List.of("fp16", "bf16"), "the half-precision type of the passes"),
                            number("init_scale", 65536, 1, 1 << 24, "the loss scale at the start"),
                            integer("growth_interval", 2000, 1, 1_000_000, "clean steps before the scale doubles")),
                    Map.of(), true));

    private static final Map<String, TrickDefinition> BY_NAME = new LinkedHashMap<>();

    static {
        ALL.forEach(t -> BY_NAME.put(t.name(), t));
    }

    private TrickRegistry() {}

    /** Every trick, in the order their plug-ins run. */
    public static List<TrickDefinition> all() {
        return ALL;
    }

    /** Every trick's name, in the order their plug-ins run. */
    public static Set<String> names() {
        return java.util.Collections.unmodifiableSet(BY_NAME.keySet());
    }

    public static TrickDefinition get(String trick) {
        TrickDefinition t = BY_NAME.get(trick);
        if (t == null) {
            if ("fma".equals(trick)) {
                throw new IllegalArgumentException("tricks.fma: fine-tuned model averaging is a kind of trial, not a "
                        + "trick: in a sweep write 'fma: true' at the top level; in a trial config, "
                        + "'average: {members: [DIR/model, ...]}'");
            }
            throw new IllegalArgumentException("unknown trick '" + trick + "'; known: " + new TreeSet<>(BY_NAME.keySet()));
        }
        return t;
    }

    /**
     * Refuses an unknown trick, an unknown parameter or a value that breaks its rule, naming
     * {@code field} (e.g. {@code tricks.fgm}) or the parameter's path.
     */
    public static void check(String field, String trick, Map<String, ?> params) {
        TrickDefinition t;
        try {
            t = get(trick);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("tricks.") ? e.getMessage()
                    : field + ": " + e.getMessage());
        }
        t.read(params);
    }

    /** The tricks a config switches on, in the order their plug-ins run. */
    public static List<TrickDefinition> inOrder(Set<String> switchedOn) {
        switchedOn.forEach(TrickRegistry::get);
        List<TrickDefinition> out = new ArrayList<>();
        for (TrickDefinition t : ALL) {
            if (switchedOn.contains(t.name())) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The parameter reference as a Markdown table: one row per parameter, in run order. The
     * README carries it between marker comments and a test holds the two equal.
     */
    public static String markdownTable() {
        StringBuilder b = new StringBuilder("| trick | parameter | type | default | range | what it sets |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (TrickDefinition t : ALL) {
            for (TrickParameter p : t.parameters()) {
                b.append("| `").append(t.name()).append("` | `").append(p.name()).append("` | ")
                        .append(p.type().wireName()).append(" | ").append(p.defaultText()).append(" | ")
                        .append(p.rangeText()).append(" | ").append(p.doc()).append(" |\n");
            }
        }
        return b.toString();
    }
}
