package dev.sweep.coordinator.search;

import java.util.HashSet;
import java.util.List;

/** One of a list of choices (strings, numbers, booleans); samplers see the choice's index. */
public record CategoricalDistribution(List<Object> choices) implements Distribution {
    public CategoricalDistribution {
        if (choices == null || choices.isEmpty()) {
            throw new IllegalArgumentException("choices must hold at least one choice, but got " + choices);
        }
        if (choices.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("choices must not hold null, but got " + choices);
        }
        if (new HashSet<>(choices).size() != choices.size()) {
            throw new IllegalArgumentException("choices must be distinct, but got " + choices);
        }
        choices = List.copyOf(choices);
    }

    public static CategoricalDistribution of(Object... choices) {
        return new CategoricalDistribution(List.of(choices));
    }

    @Override
    public boolean contains(Object value) {
        return choices.contains(value);
    }

    @Override
    public double toInternal(Object value) {
        int i = choices.indexOf(value);
        if (i < 0) {
            throw new IllegalArgumentException("value must be one of " + choices + ", but got " + value);
        }
        return i;
    }

    @Override
    public Object toExternal(double internal) {
        return choices.get((int) internal);
    }
}
