package dev.sweep.coordinator.search;

/**
 * One named parameter of a {@link SearchSpace}. With a {@code condition} it is only sampled when
 * another (categorical) parameter took a given value, e.g. {@code tricks.fgm.epsilon} only when
 * {@code tricks.fgm} is {@code true}; {@code condition} is null for a parameter that is always sampled.
 */
public record Parameter(String name, Distribution distribution, Condition condition) {
    public Parameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a name, but got '" + name + "'");
        }
        if (distribution == null) {
            throw new IllegalArgumentException(name + ": a parameter needs a distribution");
        }
        if (condition != null && condition.parent().equals(name)) {
            throw new IllegalArgumentException(name + ": a parameter cannot be conditional on itself");
        }
    }

    /** A parameter sampled only when {@code parent} took {@code value}. */
    public record Condition(String parent, Object value) {
        public Condition {
            if (parent == null || value == null) {
                throw new IllegalArgumentException("a condition needs a parent and a value, but got (parent=" + parent + ", value=" + value + ")");
            }
        }
    }
}
