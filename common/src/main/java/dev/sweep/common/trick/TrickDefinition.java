package dev.sweep.common.trick;

import static dev.sweep.common.trial.Checks.require;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One trick, declared once: its name as a spec writes it under {@code tricks:}, a one-line
 * summary, its parameters, and what the cost benchmark runs it with.
 *
 * @param benchmark the settings {@code ./sweep bench tricks} measures it with (its defaults where
 *     they show the trick's cost within a few steps; e.g. SWA averaging from the first step)
 * @param gpuOnly refused by a CPU worker (and left out of the CPU cost benchmark)
 */
public record TrickDefinition(String name, String summary, List<TrickParameter> parameters,
        Map<String, Object> benchmark, boolean gpuOnly) {
    public TrickDefinition {
        require(name != null && name.matches("[a-z][a-z0-9_]*"), "a trick's name is snake_case, but got " + name);
        require(summary != null && !summary.isBlank(), "trick " + name + ": a one-line summary is required");
        parameters = List.copyOf(parameters);
        require(TrickParameter.names(parameters).size() == parameters.size(), "trick " + name + ": a parameter is declared twice");
        benchmark = Map.copyOf(benchmark);
    }

    public TrickParameter parameter(String parameter) {
        for (TrickParameter p : parameters) {
            if (p.name().equals(parameter)) {
                return p;
            }
        }
        throw new IllegalArgumentException("tricks." + name + ": unknown parameter '" + parameter + "'; " + name
                + " takes " + new TreeSet<>(TrickParameter.names(parameters)));
    }

    /**
     * Every parameter as the engine reads it, defaults filled in (an optional one left out is
     * absent); refuses an unknown parameter or a value that breaks its rule, naming
     * {@code tricks.NAME.PARAMETER}.
     */
    public Map<String, Object> read(Map<String, ?> raw) {
        Map<String, ?> given = raw == null ? Map.of() : raw;
        for (String key : given.keySet()) {
            parameter(key);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (TrickParameter p : parameters) {
            Object v = p.read("tricks." + name + "." + p.name(), given.get(p.name()));
            if (v != null) {
                out.put(p.name(), v);
            }
        }
        return out;
    }
}
