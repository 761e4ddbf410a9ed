package dev.sweep.coordinator.search;

import dev.sweep.common.sweep.SpaceAxis;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A sweep spec's axes as a {@link SearchSpace}: a {min, max, log} range becomes a
 * {@link FloatDistribution}, a list of values a {@link CategoricalDistribution}, and a trick's
 * parameter ({@code tricks.NAME.PARAMETER}) is conditional on {@code tricks.NAME} being
 * {@code true} when the spec also searches that switch (placed right after it), and always sampled
 * when it does not (never, when the switch's only choice is {@code false}).
 */
public final class SweepSpaces {
    private SweepSpaces() {
    }

    public static SearchSpace of(List<SpaceAxis> axes) {
        Set<String> switches = axes.stream().map(SpaceAxis::path)
                .filter(p -> p.startsWith("tricks.") && p.split("\\.").length == 2).collect(Collectors.toSet());
        SearchSpace.Builder b = SearchSpace.builder();
        for (SpaceAxis axis : axes) {
            if (isTrickParameter(axis.path(), switches)) {
                continue; // added after its switch below
            }
            add(b, axis, null);
            if (switches.contains(axis.path()) && axis.choices().contains(Boolean.TRUE)) { // a switch never on: its parameters never apply
                for (SpaceAxis p : axes) {
                    if (isTrickParameter(p.path(), switches) && p.path().startsWith(axis.path() + ".")) {
                        add(b, p, axis.path());
                    }
                }
            }
        }
        return b.build();
    }

    private static boolean isTrickParameter(String path, Set<String> switches) {
        String[] parts = path.split("\\.");
        return parts.length == 3 && parts[0].equals("tricks") && switches.contains(parts[0] + "." + parts[1]);
    }

    private static void add(SearchSpace.Builder b, SpaceAxis axis, String parentSwitch) {
        Distribution d = axis.isRange() ? new FloatDistribution(axis.min(), axis.max(), axis.log())
                : new CategoricalDistribution(axis.choices());
        if (parentSwitch == null) {
            b.add(axis.path(), d);
        } else {
            b.addWhen(axis.path(), d, parentSwitch, Boolean.TRUE);
        }
    }
}
