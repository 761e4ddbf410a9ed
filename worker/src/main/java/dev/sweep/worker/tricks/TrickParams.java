package dev.sweep.worker.tricks;

import dev.sweep.common.trick.TrickDefinition;
import dev.sweep.common.trick.TrickParameter;
import java.util.Map;

/**
 * A trick's parameters from the trial config, read through the trick's declaration: the value
 * given, else the declared default, checked against the declared rule. The types and ranges live
 * in the declaration only; here the engine adds the rule only it can check (layer counts).
 */
final class TrickParams {
    private final TrickDefinition trick;
    private final Map<String, Object> values;

    TrickParams(TrickDefinition trick, Map<String, Object> raw) {
        this.trick = trick;
        this.values = trick.read(raw);
    }

    double number(String name) {
        return ((Number) declared(name)).doubleValue();
    }

    int integer(String name) {
        return (Integer) declared(name);
    }

    boolean flag(String name) {
        return (Boolean) declared(name);
    }

    String text(String name) {
        return (String) declared(name);
    }

    /** A layer count, also checked against the encoder's layers. */
    int layers(String name, int encoderLayers) {
        return trick.parameter(name).checkLayers(field(name), integer(name), encoderLayers);
    }

    /** Whether an optional parameter (one without a default) was given. */
    boolean has(String name) {
        return values.containsKey(name);
    }

    String field(String name) {
        return "tricks." + trick.name() + "." + name;
    }

    private Object declared(String name) {
        TrickParameter p = trick.parameter(name); // a name the plug-in asks for must be declared
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException(field(p.name()) + " has no default; ask has() first");
        }
        return v;
    }
}
