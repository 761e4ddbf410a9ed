package dev.sweep.common.sweep;

import static dev.sweep.common.trial.Checks.require;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The seeds every configuration runs with ({@code seeds:} in a spec): a list, all of which run
 * ({@code seeds: [1, 2, 3]}), or a range for "seeds until decided" ({@code seeds: {min: 3, max:
 * 10}}): seeds 1 to max in order, of which the first min always run and the rest only while the
 * configuration's comparison with the reference is undecided (the spec's {@code decide:} says
 * how it is decided).
 *
 * @param values the seeds in the order they run
 * @param min null: every seed runs; else how many run before the first decision
 */
public record Seeds(List<Long> values, Integer min) {
    public Seeds {
        require(values != null && !values.isEmpty(), "seeds must list at least one seed");
        values = List.copyOf(values);
        require(new HashSet<>(values).size() == values.size(), "seeds must not repeat, but got " + values);
        require(min == null || (min >= 1 && min <= values.size()),
                "seeds.min must lie in [1, seeds.max], but got " + min + " with max " + values.size());
    }

    public static Seeds of(List<Long> values) {
        return new Seeds(values, null);
    }

    /** Whether later seeds run only while a configuration is undecided. */
    public boolean untilDecided() {
        return min != null;
    }

    /** The seeds that always run: all of them, or the first {@code min}. */
    public List<Long> first() {
        return min == null ? values : values.subList(0, min);
    }

    public int size() {
        return values.size();
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Seeds parse(JsonNode node) {
        if (node.isArray()) {
            List<Long> out = new ArrayList<>();
            for (JsonNode n : node) {
                require(n.isIntegralNumber(), "seeds must be whole numbers, but got " + n);
                out.add(n.asLong());
            }
            return of(out);
        }
        require(node.isObject(), "seeds: give a list ([1, 2, 3]) or a range ({min: 3, max: 10}), but got " + node);
        Set<String> keys = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        require(Set.of("min", "max").containsAll(keys) && keys.size() == 2,
                "seeds: a range takes exactly min and max, e.g. {min: 3, max: 10}, but got " + keys);
        require(node.get("min").isInt() && node.get("max").isInt(), "seeds: min and max must be whole numbers, but got "
                + node);
        int min = node.get("min").asInt();
        int max = node.get("max").asInt();
        require(max >= 1 && max <= 1000, "seeds.max must lie in [1, 1000], but got " + max);
        List<Long> out = new ArrayList<>();
        for (long s = 1; s <= max; s++) {
            out.add(s);
        }
        return new Seeds(out, min);
    }

    /** Written back as the user wrote it: the list, or the range. */
    @JsonValue
    Object wire() {
        return min == null ? values : java.util.Map.of("min", min, "max", values.size());
    }
}
