package dev.sweep.coordinator.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named parameters in sampling order. A conditional parameter's parent comes before it and is
 * categorical, and the condition's value is one of the parent's choices, so a sampler walking the
 * list in order always knows whether the parameter is active.
 */
public record SearchSpace(List<Parameter> parameters) {
    public SearchSpace {
        parameters = List.copyOf(parameters);
        Map<String, Parameter> seen = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (seen.containsKey(p.name())) {
                throw new IllegalArgumentException("parameter names must be unique, but '" + p.name() + "' repeats");
            }
            if (p.condition() != null) {
                Parameter parent = seen.get(p.condition().parent());
                if (parent == null) {
                    throw new IllegalArgumentException(p.name() + ": the parent '" + p.condition().parent()
                            + "' must come before the parameter it conditions");
                }
                if (!(parent.distribution() instanceof CategoricalDistribution c) || !c.contains(p.condition().value())) {
                    throw new IllegalArgumentException(p.name() + ": the condition's value must be one of the categorical parent's choices, but got "
                            + p.condition().value() + " for " + parent.name() + " " + parent.distribution());
                }
            }
            seen.put(p.name(), p);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code p} is sampled, given the values assigned so far to the parameters before it. */
    public boolean isActive(Parameter p, Map<String, Object> assigned) {
        return p.condition() == null || p.condition().value().equals(assigned.get(p.condition().parent()));
    }

    /**
     * Whether {@code assignment} is one this space can produce: every active parameter set to a
     * value of its distribution, and nothing else set.
     */
    public boolean admits(Map<String, Object> assignment) {
        int active = 0;
        for (Parameter p : parameters) {
            if (isActive(p, assignment)) {
                active++;
                if (!p.distribution().contains(assignment.get(p.name()))) {
                    return false;
                }
            } else if (assignment.containsKey(p.name())) {
                return false;
            }
        }
        return active == assignment.size();
    }

    /** Adds parameters in order. */
    public static final class Builder {
        private final List<Parameter> parameters = new ArrayList<>();

        public Builder add(String name, Distribution distribution) {
            parameters.add(new Parameter(name, distribution, null));
            return this;
        }

        /** A parameter sampled only when {@code parent} took {@code value}. */
        public Builder addWhen(String name, Distribution distribution, String parent, Object value) {
            parameters.add(new Parameter(name, distribution, new Parameter.Condition(parent, value)));
            return this;
        }

        public SearchSpace build() {
            return new SearchSpace(parameters);
        }
    }
}
