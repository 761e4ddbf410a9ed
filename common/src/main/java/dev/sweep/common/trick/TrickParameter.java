package dev.sweep.common.trick;

import static dev.sweep.common.trial.Checks.require;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One parameter of a trick, declared once: its type, its default (null: optional, no default),
 * the range a number must lie in, and a one-line doc.
 *
 * @param min lowest allowed value (NUMBER, INTEGER)
 * @param max highest allowed value (NUMBER, INTEGER); see {@code atMostLayers}
 * @param choices the allowed words (CHOICE)
 * @param atMostLayers the value may not exceed the encoder's layer count either, which only the
 *     worker knows (it has the model); the coordinator checks {@code min..max}
 */
public record TrickParameter(String name, ParameterType type, Object defaultValue, Double min, Double max,
        List<String> choices, boolean atMostLayers, String doc) {
    public TrickParameter {
        require(name != null && name.matches("[a-z][a-z0-9_]*"), "a trick parameter's name is snake_case, but got " + name);
        require(type != null, "parameter " + name + ": a type is required");
        require(doc != null && !doc.isBlank() && !doc.contains("\n"), "parameter " + name + ": a one-line doc is required");
        boolean numeric = type == ParameterType.NUMBER || type == ParameterType.INTEGER;
        require(numeric == (min != null && max != null), "parameter " + name + ": numbers, and only numbers, have a range");
        require(!numeric || min <= max, "parameter " + name + ": min must be <= max");
        require((type == ParameterType.CHOICE) == (choices != null && !choices.isEmpty()),
                "parameter " + name + ": choices, and only choices, list their words");
        choices = choices == null ? null : List.copyOf(choices);
        require(!atMostLayers || type == ParameterType.INTEGER, "parameter " + name + ": only an integer counts layers");
    }

    public static TrickParameter number(String name, double defaultValue, double min, double max, String doc) {
        return new TrickParameter(name, ParameterType.NUMBER, defaultValue, min, max, null, false, doc);
    }

    /** A number with no default: left out, the trick does without it. */
    public static TrickParameter optionalNumber(String name, double min, double max, String doc) {
        return new TrickParameter(name, ParameterType.NUMBER, null, min, max, null, false, doc);
    }

    public static TrickParameter integer(String name, int defaultValue, int min, int max, String doc) {
        return new TrickParameter(name, ParameterType.INTEGER, defaultValue, (double) min, (double) max, null, false, doc);
    }

    /** A count of encoder layers: at least {@code min}, at most the model's layers. */
    public static TrickParameter layers(String name, int defaultValue, int min, String doc) {
        return new TrickParameter(name, ParameterType.INTEGER, defaultValue, (double) min, 1e6, null, true, doc);
    }

    public static TrickParameter flag(String name, boolean defaultValue, String doc) {
        return new TrickParameter(name, ParameterType.FLAG, defaultValue, null, null, null, false, doc);
    }

    public static TrickParameter choice(String name, String defaultValue, List<String> choices, String doc) {
        return new TrickParameter(name, ParameterType.CHOICE, defaultValue, null, null, choices, false, doc);
    }

    public static TrickParameter text(String name, String defaultValue, String doc) {
        return new TrickParameter(name, ParameterType.TEXT, defaultValue, null, null, null, false, doc);
    }

    /**
     * The value as the engine reads it (Double, Integer, Boolean or String), the default when
     * {@code raw} is null, or an error naming {@code field} and the rule.
     */
    public Object read(String field, Object raw) {
        if (raw == null) {
            return defaultValue;
        }
        return switch (type) {
            case NUMBER -> inRange(field, number(field, raw));
            case INTEGER -> {
                double v = inRange(field, number(field, raw));
                require(v == Math.rint(v), field + " must be an integer, but got " + v);
                yield (int) v;
            }
            case FLAG -> {
                String s = raw.toString();
                require(s.equals("true") || s.equals("false"), field + " must be true or false, but got '" + raw + "'");
                yield Boolean.parseBoolean(s);
            }
            case CHOICE -> {
                require(choices.contains(raw.toString()),
                        field + " must be one of " + new TreeSet<>(choices) + ", but got '" + raw + "'");
                yield raw.toString();
            }
            case TEXT -> raw.toString();
        };
    }

    /** Refuses a count above the model's layers; the worker calls it once it has the model. */
    public int checkLayers(String field, int value, int encoderLayers) {
        require(!atMostLayers || value <= encoderLayers, field + " must lie in [" + min.intValue() + ", "
                + encoderLayers + "] (the encoder has " + encoderLayers + " layers), but got " + value);
        return value;
    }

    /** The range (or choices) as the README's table writes it. */
    public String rangeText() {
        return switch (type) {
            case NUMBER -> "[" + plain(min) + ", " + plain(max) + "]";
            case INTEGER -> "[" + min.intValue() + ", " + (atMostLayers ? "encoder layers" : String.valueOf(max.intValue())) + "]";
            case FLAG -> "true, false";
            case CHOICE -> String.join(", ", choices);
            case TEXT -> "any";
        };
    }

    /** The default as the README's table writes it; {@code -} for none. */
    public String defaultText() {
        if (defaultValue == null) {
            return "-";
        }
        return defaultValue instanceof Double d ? plain(d) : defaultValue.toString();
    }

    private double number(String field, Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        require(!(raw instanceof Boolean), field + " must be a number, but got '" + raw + "'");
        try {
            return Double.parseDouble(raw.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number, but got '" + raw + "'");
        }
    }

    private double inRange(String field, double v) {
        require(v >= min && v <= max, field + " must lie in [" + min + ", " + max + "], but got " + v);
        return v;
    }

    static String plain(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) d) + (Math.abs(d) < 10 ? ".0" : "");
        }
        return Double.toString(d);
    }

    static Set<String> names(List<TrickParameter> parameters) {
        Set<String> out = new java.util.LinkedHashSet<>();
        parameters.forEach(p -> out.add(p.name()));
        return out;
    }
}
