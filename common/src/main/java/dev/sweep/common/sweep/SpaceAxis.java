package dev.sweep.common.sweep;

import static dev.sweep.common.trial.Checks.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.common.trick.TrickRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One axis of a sweep's space: a trial-config path and the values it takes, either a list of
 * choices or, for random search, a numeric range drawn uniformly or log-uniformly (as Optuna's
 * {@code suggest_float(..., log=True)}).
 */
public record SpaceAxis(String path, List<Object> choices, Double min, Double max, boolean log) {
    public SpaceAxis {
        choices = choices == null ? null : List.copyOf(choices);
    }

    public boolean isRange() {
        return choices == null;
    }

    /** Values worth checking against the config's rules: every choice, or a range's ends. */
    List<Object> checkValues() {
        return isRange() ? List.of(min, max) : choices;
    }

    /** A value drawn for random search. */
    public Object sample(Random rng) {
        if (!isRange()) {
            return choices.get(rng.nextInt(choices.size()));
        }
        double u = rng.nextDouble();
        return log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
    }

    /** The axis's short name in configuration names: the path without its section. */
    public String label() {
        return path.startsWith("training.") || path.startsWith("model.") ? path.substring(path.indexOf('.') + 1) : path;
    }

    static SpaceAxis parse(String path, Object spec, Strategy strategy, Set<String> tricks) {
        return parse("space", path, spec, strategy, tricks);
    }

    /** @param section where the path was written, for messages: {@code space} or {@code variants.NAME} */
    static SpaceAxis parse(String section, String path, Object spec, Strategy strategy, Set<String> tricks) {
        String field = section + "." + path;
        require(path.startsWith("training.") || path.startsWith("model.") || path.startsWith("task.")
                || path.startsWith("tricks."), field + ": a path must start with training., model., task. or tricks.");
        if (path.startsWith("tricks.")) {
            String[] parts = path.split("\\.");
            require(parts.length == 2 || parts.length == 3, field + ": write tricks.NAME or tricks.NAME.PARAMETER");
            require(tricks.contains(parts[1]), field + ": trick '" + parts[1] + "' is not under tricks:; add it there");
            if (parts.length == 3) {
                try {
                    TrickRegistry.get(parts[1]).parameter(parts[2]); // its values are checked with the trial configs
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(field + ": " + e.getMessage());
                }
            }
        }
        if (spec instanceof List<?> list) {
            require(!list.isEmpty(), field + " must list at least one value");
            require(list.stream().distinct().count() == list.size(), field + " repeats a value: " + list);
            if (path.split("\\.").length == 2 && path.startsWith("tricks.")) {
                for (Object v : list) {
                    require(v instanceof Boolean, field + ": switch a trick with [false, true], but got " + v);
                }
            }
            return new SpaceAxis(path, List.copyOf(list), null, null, false);
        }
        if (spec instanceof Map<?, ?> range) {
            require(strategy == Strategy.RANDOM || strategy == Strategy.TPE,
                    field + ": a {min, max} range needs strategy random or tpe; grid takes a list");
            require(range.keySet().stream().allMatch(k -> Set.of("min", "max", "log").contains(k)),
                    field + ": a range takes min, max and log, but got " + range.keySet());
            require(range.get("min") instanceof Number && range.get("max") instanceof Number,
                    field + ": a range needs numeric min and max");
            double min = ((Number) range.get("min")).doubleValue();
            double max = ((Number) range.get("max")).doubleValue();
            boolean log = Boolean.TRUE.equals(range.get("log"));
            require(min < max, field + ": min must be < max, but got " + min + " and " + max);
            require(!log || min > 0, field + ": a log range needs min > 0, but got " + min);
            return new SpaceAxis(path, null, min, max, log);
        }
        throw new IllegalArgumentException(field + ": give a list of values"
                + (strategy == Strategy.RANDOM || strategy == Strategy.TPE ? " or {min, max, log}" : "") + ", but got " + spec);
    }

    /**
     * The config with this axis set to {@code value}. A trick parameter switches its trick on (with
     * the spec's other parameters); {@code tricks.NAME: false} switches it off.
     */
    public TrialConfig apply(TrialConfig config, Object value, Map<String, Map<String, Object>> trickSpace) {
        return apply(config, value, trickSpace, "space");
    }

    /** As {@link #apply(TrialConfig, Object, Map)}, its messages naming {@code section} where the path was written. */
    public TrialConfig apply(TrialConfig config, Object value, Map<String, Map<String, Object>> trickSpace,
            String section) {
        String[] parts = path.split("\\.");
        if (parts[0].equals("tricks")) {
            Map<String, Map<String, Object>> tricks = new LinkedHashMap<>(config.tricks());
            if (parts.length == 2) {
                if (Boolean.TRUE.equals(value)) {
                    tricks.putIfAbsent(parts[1], trickSpace.getOrDefault(parts[1], Map.of())); // not in the spec: its defaults
                } else {
                    tricks.remove(parts[1]);
                }
            } else {
                Map<String, Object> params = new LinkedHashMap<>(
                        tricks.getOrDefault(parts[1], trickSpace.getOrDefault(parts[1], Map.of())));
                params.put(parts[2], value);
                tricks.put(parts[1], params);
            }
            try {
                return config.withTricks(tricks); // checks the value against the trick's declaration
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(section + "." + path + " = " + value + ": " + e.getMessage());
            }
        }
        ObjectNode tree = Codec.json().valueToTree(config);
        JsonNode node = tree.get(parts[0]);
        require(node instanceof ObjectNode && parts.length == 2, section + "." + path + ": write SECTION.FIELD, e.g. training.lr");
        ((ObjectNode) node).set(parts[1], Codec.json().valueToTree(value));
        try {
            return Codec.json().treeToValue(tree, TrialConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(section + "." + path + " = " + value + ": " + rootMessage(e));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(section + "." + path + " = " + value + ": " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "no such field '" + u.getPropertyName() + "'";
        }
        String m = root.getMessage() == null ? root.toString() : root.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
