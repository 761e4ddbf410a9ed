package dev.sweep.worker.tricks;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A trick's parameters from the trial config, read with defaults and checked against their rules. */
final class TrickParams {
    private final String trick;
    private final Map<String, Object> raw;

    TrickParams(String trick, Map<String, Object> raw, Set<String> known) {
        this.trick = trick;
        this.raw = raw;
        for (String key : raw.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("tricks." + trick + ": unknown parameter '" + key + "'; known: "
                        + new TreeSet<>(known));
            }
        }
    }

    double number(String name, double fallback, double low, double high) {
        Object v = raw.get(name);
        double value;
        if (v == null) {
            value = fallback;
        } else if (v instanceof Number n) {
            value = n.doubleValue();
        } else {
            try {
                value = Double.parseDouble(v.toString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("tricks." + trick + "." + name + " must be a number, but got '" + v + "'");
            }
        }
        if (!(value >= low && value <= high)) {
            throw new IllegalArgumentException("tricks." + trick + "." + name + " must lie in [" + low + ", " + high
                    + "], but got " + value);
        }
        return value;
    }

    int integer(String name, int fallback, int low, int high) {
        double value = number(name, fallback, low, high);
        if (value != Math.rint(value)) {
            throw new IllegalArgumentException("tricks." + trick + "." + name + " must be an integer, but got " + value);
        }
        return (int) value;
    }

    String text(String name, String fallback, Set<String> allowed) {
        Object v = raw.get(name);
        String value = v == null ? fallback : v.toString();
        if (allowed != null && !allowed.contains(value)) {
            throw new IllegalArgumentException("tricks." + trick + "." + name + " must be one of " + new TreeSet<>(allowed)
                    + ", but got '" + value + "'");
        }
        return value;
    }

    boolean has(String name) {
        return raw.containsKey(name);
    }

    java.util.List<String> strings(String name) {
        Object v = raw.get(name);
        if (!(v instanceof java.util.List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("tricks." + trick + "." + name + " must be a non-empty list, but got " + v);
        }
        return list.stream().map(Object::toString).toList();
    }
}
