package dev.sweep.common.trial;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of the tricks and of their parameters: what a trial or sweep spec may say under
 * {@code tricks:}. The coordinator checks specs against it before publishing; the worker builds
 * each trick's hook from the same table (ranges depend on the model, so the worker checks those).
 */
public final class TrickCatalog {
    private static final Map<String, Set<String>> PARAMETERS = new LinkedHashMap<>();

    static {
        PARAMETERS.put("amp", Set.of("dtype", "init_scale", "growth_interval"));
        PARAMETERS.put("fma", Set.of("members"));
        PARAMETERS.put("reinit_layers", Set.of("layers"));
        PARAMETERS.put("llrd", Set.of("decay"));
        PARAMETERS.put("freeze_layers", Set.of("layers", "embeddings"));
        PARAMETERS.put("grad_accum", Set.of("steps"));
        PARAMETERS.put("multi_sample_dropout", Set.of("samples", "rate"));
        PARAMETERS.put("rdrop", Set.of("alpha"));
        PARAMETERS.put("fgm", Set.of("epsilon", "target"));
        PARAMETERS.put("pgd", Set.of("epsilon", "alpha", "steps", "target"));
        PARAMETERS.put("awp", Set.of("adv_lr", "adv_eps", "start_epoch", "target"));
        PARAMETERS.put("ema", Set.of("decay"));
        PARAMETERS.put("swa", Set.of("start", "every_steps", "lr"));
    }

    private TrickCatalog() {}

    /** Every trick name, in the order the engine runs their hooks. */
    public static Set<String> names() {
        return java.util.Collections.unmodifiableSet(PARAMETERS.keySet());
    }

    public static Set<String> parameters(String trick) {
        Set<String> p = PARAMETERS.get(trick);
        if (p == null) {
            throw new IllegalArgumentException("unknown trick '" + trick + "'; known: " + new TreeSet<>(PARAMETERS.keySet()));
        }
        return p;
    }

    /** Refuses an unknown trick or parameter, naming {@code field} (e.g. {@code tricks.fgm}). */
    public static void check(String field, String trick, Map<String, ?> params) {
        Set<String> known;
        try {
            known = parameters(trick);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
        if (params != null) {
            for (String p : params.keySet()) {
                Checks.require(known.contains(p), field + ": unknown parameter '" + p + "'; " + trick + " takes "
                        + new TreeSet<>(known));
            }
        }
    }
}
