package dev.sweep.common.sweep;

import static dev.sweep.common.trial.Checks.orDefault;
import static dev.sweep.common.trial.Checks.require;

import dev.sweep.common.trial.ModelSpec;
import dev.sweep.common.trial.TaskSpec;
import dev.sweep.common.trial.TrainingSpec;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.common.trick.TrickRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A sweep as a user writes it: one task and model, a baseline training recipe, the tricks and
 * hyperparameters to try, the seeds (and folds) that every configuration runs with, and how
 * the configurations are chosen. Validated where it is made: a wrong spec never reaches Kafka.
 *
 * @param name the sweep id: lower-case letters, digits, '-', '_' and '.'; trial ids derive from it
 * @param tricks each trick the sweep may switch on, with its parameters when on (empty map: defaults)
 * @param combinations for {@code ablation}: trick sets run together besides each trick alone
 * @param space hyperparameter axes, {@code path -> [values]} (grid, random) or
 *     {@code path -> {min, max, log}} (random only); paths are trial-config fields such as
 *     {@code training.lr}, {@code model.pooling}, {@code tricks.fgm.epsilon}, or
 *     {@code tricks.NAME} with values {@code [false, true]} to switch a trick off and on
 * @param folds when set, every configuration runs on each of K cross-validation folds
 * @param fma after every seed of a configuration has finished, evaluate the average of their weights
 *     (with seeds until decided: of the seeds it had when it stopped; off unless asked for)
 * @param output the artifact location all workers share: checkpoints land in OUTPUT/TRIAL_ID
 * @param report how the report compares the configurations: the reference, and which evaluation
 *     of a trial counts (see {@link ReportSpec})
 * @param tpe strategy {@code tpe}'s settings (Optuna's names and defaults)
 * @param prune early stopping of running trials on their evaluations, for any strategy
 * @param decide with {@code seeds: {min, max}}: how a configuration's comparison with the
 *     reference is decided, after which it gets no more seeds
 * @param variants for {@code ablation}: named one-change arms that are not a trick, {@code name ->
 *     {path: value, ...}} over the same paths as {@code space} (a pooling, the input length, a
 *     trick at another setting), each run as its own configuration beside base and the tricks
 */
public record SweepSpec(
        String name,
        TaskSpec task,
        ModelSpec model,
        TrainingSpec training,
        Seeds seeds,
        Integer folds,
        Strategy strategy,
        Map<String, Map<String, Object>> tricks,
        List<List<String>> combinations,
        Map<String, Object> space,
        Integer samples,
        Long samplerSeed,
        Boolean fma,
        Integer maxAttempts,
        Budget budget,
        String output,
        ReportSpec report,
        TpeSpec tpe,
        PruneSpec prune,
        DecideSpec decide,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        Map<String, Map<String, Object>> variants) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    public SweepSpec {
        require(name != null && NAME.matcher(name).matches(), "name must match " + NAME.pattern()
                + " (it becomes part of every trial id), but got '" + name + "'");
        require(task != null, "task is required");
        model = orDefault(model, ModelSpec.defaults());
        training = orDefault(training, TrainingSpec.defaults());
        seeds = orDefault(seeds, Seeds.of(List.of(training.seed())));
        require(seeds.untilDecided() == (decide != null), seeds.untilDecided()
                ? "seeds: {min, max} gives seeds until each configuration is decided; say how with decide: {min_effect: ...}"
                : "decide: needs seeds as a range, seeds: {min: 3, max: 10}, to add seeds until decided");
        if (decide != null) {
            require(seeds.min() >= 3, "seeds.min must be at least 3 with decide: (two degrees of freedom for the noise "
                    + "at the first look), but got " + seeds.min());
            require(prune == null, "prune: a pruned seed leaves its configuration without a pair; seeds until decided "
                    + "needs every seed to finish, so use one or the other");
        }
        if (folds != null) {
            require(folds >= 2, "folds must be >= 2 (or left out for a single validation split), but got " + folds);
            require(task.validation() == null || task.validation().file() == null,
                    "folds cannot be combined with task.validation.file; remove one of them");
        }
        strategy = orDefault(strategy, Strategy.ABLATION);
        Map<String, Map<String, Object>> trickCopy = new LinkedHashMap<>();
        if (tricks != null) {
            tricks.forEach((trick, params) -> {
                require(!trick.equals("fma"), "tricks.fma: fine-tuned model averaging is scheduled by the sweep; "
                        + "write 'fma: true' at the top level instead");
                TrickRegistry.check("tricks." + trick, trick, params);
                trickCopy.put(trick, params == null ? Map.of() : Map.copyOf(params));
            });
        }
        tricks = java.util.Collections.unmodifiableMap(trickCopy);
        List<List<String>> comboCopy = new ArrayList<>();
        if (combinations != null) {
            for (int i = 0; i < combinations.size(); i++) {
                List<String> combo = combinations.get(i);
                String field = "combinations[" + i + "]";
                require(combo != null && combo.size() >= 2, field + " must list at least 2 tricks, but got " + combo);
                require(new HashSet<>(combo).size() == combo.size(), field + " repeats a trick: " + combo);
                for (String t : combo) {
                    require(trickCopy.containsKey(t), field + ": trick '" + t + "' is not under tricks: "
                            + "add it there with its parameters");
                }
                comboCopy.add(List.copyOf(combo));
            }
        }
        combinations = List.copyOf(comboCopy);
        space = space == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(space));
        variants = checkedVariants(variants, strategy, trickCopy.keySet());
        samplerSeed = orDefault(samplerSeed, 0L);
        boolean resampled = task.validation() != null && task.validation().resamples();
        // by default FMA runs where it can be scored fairly: 2+ seeds sharing one held-out split. With
        // seeds until decided it is asked for, not assumed: each configuration averages the seeds it
        // stopped at, so two averages may have different numbers of members
        fma = orDefault(fma, seeds.size() >= 2 && !resampled && !seeds.untilDecided());
        require(!fma || seeds.size() >= 2, "fma: averaging needs at least 2 seeds per configuration, but seeds has "
                + seeds.size());
        require(!resampled || (folds == null && !task.validation().usesFolds()),
                "task.validation.resample with folds would give each seed its own partition into folds, which "
                        + "the report's corrected test over fold means does not model; use folds alone (the spread "
                        + "then includes the split) or resample a fraction");
        require(!fma || !resampled,
                "fma: averaging the seeds' models needs one held-out split for all of them, but "
                        + "task.validation.resample gives each seed its own (each model would have trained on rows "
                        + "another one is scored on); set fma: false or remove resample");
        maxAttempts = orDefault(maxAttempts, 2);
        require(maxAttempts >= 1 && maxAttempts <= 10, "max_attempts must lie in [1, 10], but got " + maxAttempts);
        budget = orDefault(budget, Budget.defaults());
        output = orDefault(output, "runs/" + name);
        report = orDefault(report, ReportSpec.defaults());
        require(tpe == null || strategy == Strategy.TPE, "tpe: settings belong to strategy tpe");
        tpe = strategy == Strategy.TPE ? orDefault(tpe, TpeSpec.defaults()) : null;
        switch (strategy) {
            case ABLATION -> {
                require(!trickCopy.isEmpty() || !variants.isEmpty(), "strategy ablation needs at least one trick under "
                        + "tricks: or one variant under variants: to compare with base");
                require(space.isEmpty(), "space: strategy ablation compares tricks on one recipe; move the values "
                        + "into training: or use strategy grid or random");
                require(samples == null, "samples: only strategy random and tpe draw samples");
            }
            case GRID -> {
                require(!space.isEmpty(), "strategy grid needs at least one axis under space:");
                require(comboCopy.isEmpty(), "combinations: only strategy ablation lists combinations");
                require(samples == null, "samples: only strategy random and tpe draw samples");
                require(decide == null, "decide: seeds until decided compares configurations with base; use strategy ablation");
            }
            case RANDOM -> {
                require(!space.isEmpty(), "strategy random needs at least one axis under space:");
                require(comboCopy.isEmpty(), "combinations: only strategy ablation lists combinations");
                require(samples != null && samples >= 1, "samples must be >= 1 for strategy random, but got " + samples);
                require(decide == null, "decide: seeds until decided compares configurations with base; use strategy ablation");
            }
            case TPE -> {
                require(!space.isEmpty(), "strategy tpe needs at least one axis under space:");
                require(comboCopy.isEmpty(), "combinations: only strategy ablation lists combinations");
                require(samples != null && samples >= 1, "samples must be >= 1 for strategy tpe (the trials it "
                        + "proposes), but got " + samples);
                require(seeds.size() == 1 && decide == null, "seeds: strategy tpe runs each proposal once, so give one "
                        + "seed, but got " + seeds.values());
                require(folds == null, "folds: strategy tpe scores each proposal on one split; remove folds");
                require(!fma, "fma: strategy tpe runs one seed per proposal, there is nothing to average");
            }
        }
        TrialConfig base = new TrialConfig(task, model, training, Map.of(), output);
        for (Map.Entry<String, Object> axis : space.entrySet()) {
            SpaceAxis parsed = SpaceAxis.parse(axis.getKey(), axis.getValue(), strategy, trickCopy.keySet());
            for (Object value : parsed.checkValues()) {
                parsed.apply(base, value, trickCopy); // refuses a field or value the trial config would refuse
            }
        }
        for (String variant : variants.keySet()) {
            variant(variant, base, trickCopy, variants.get(variant)); // refuses what the trial config would
        }
    }

    private static final Pattern VARIANT_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,40}");

    private static Map<String, Map<String, Object>> checkedVariants(Map<String, Map<String, Object>> variants,
            Strategy strategy, java.util.Set<String> tricks) {
        if (variants == null || variants.isEmpty()) {
            return Map.of();
        }
        require(strategy == null || strategy == Strategy.ABLATION, "variants: only strategy ablation runs named "
                + "variants beside base; a grid or random sweep takes its values under space:");
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        variants.forEach((name, changes) -> {
            String field = "variants." + name;
            require(name != null && VARIANT_NAME.matcher(name).matches(), "variants: a variant's name must match "
                    + VARIANT_NAME.pattern() + " (it names a configuration; '+' joins tricks), but got '" + name + "'");
            require(!name.equals("base"), field + ": 'base' is the reference recipe itself; name the variant after "
                    + "what it changes");
            require(!tricks.contains(name), field + ": the name is a trick's under tricks:, whose configuration it "
                    + "would shadow; name the variant after its setting, e.g. " + name + "-small");
            require(changes != null && !changes.isEmpty(), field + " must set at least one path, e.g. {model.pooling: gem}");
            copy.put(name, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changes)));
        });
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** The baseline with one variant's changes applied, path by path; refuses a path or value as {@code space} would. */
    private static TrialConfig variant(String name, TrialConfig base, Map<String, Map<String, Object>> tricks,
            Map<String, Object> changes) {
        TrialConfig config = base;
        for (SpaceAxis axis : variantAxes(name, changes, tricks.keySet())) {
            config = axis.apply(config, axis.choices().get(0), tricks, "variants." + name);
        }
        return config;
    }

    private static List<SpaceAxis> variantAxes(String name, Map<String, Object> changes, java.util.Set<String> tricks) {
        // a variant may switch on a trick that is not under tricks: (which would give it an arm of its
        // own), e.g. R-Drop together with the dropout it needs: with the spec's parameters where it has
        // them, else the trick's declared defaults
        java.util.Set<String> known = new java.util.HashSet<>(tricks);
        known.addAll(TrickRegistry.names());
        List<SpaceAxis> axes = new ArrayList<>();
        changes.forEach((path, value) -> {
            require(!(value instanceof List<?>) && !(value instanceof Map<?, ?>), "variants." + name + "." + path
                    + ": a variant sets one value, but got " + value + " (values to try side by side are a grid: "
                    + "strategy grid with space:)");
            axes.add(SpaceAxis.parse("variants." + name, path, List.of(value), Strategy.GRID, known));
        });
        return axes;
    }

    /** The changes of one variant as axes of one value each, in the order written. */
    public List<SpaceAxis> variantAxes(String variant) {
        return variantAxes(variant, variants.get(variant), tricks.keySet());
    }

    /** The baseline trial config with one variant's changes. */
    public TrialConfig variant(String name) {
        return variant(name, baseline(), tricks, variants.get(name));
    }

    /** The axes of {@link #space()}, parsed. */
    public List<SpaceAxis> axes() {
        List<SpaceAxis> out = new ArrayList<>();
        space.forEach((path, values) -> out.add(SpaceAxis.parse(path, values, strategy, tricks.keySet())));
        return out;
    }

    /** The baseline trial config: the task, model and training recipe with no trick. */
    public TrialConfig baseline() {
        return new TrialConfig(task, model, training, Map.of(), output);
    }

    /** Trick names in the order the spec lists them; configuration names follow this order. */
    public List<String> trickOrder() {
        return List.copyOf(tricks.keySet());
    }
}
