package dev.sweep.coordinator.report;

import static dev.sweep.common.trial.Checks.require;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The configurations worth their cost: those no other configuration dominates, that is, none is
 * at most as costly and at least as good and strictly one of the two. Two configurations with
 * exactly the same cost and gain dominate neither each other: both stay on the front.
 */
final class ParetoFront {
    /**
     * Closer than this two costs (ratios near 1) or two gains (differences of metrics near 1) are
     * the same figure computed in another order, not a difference.
     */
    static final double TIE = Format.ROUND_OFF;

    /** A configuration on the two axes: its cost (lower is cheaper) and its gain (higher is better). */
    record Candidate(String name, double cost, double gain) {
        Candidate {
            require(Double.isFinite(cost) && Double.isFinite(gain), name + ": a point of the front needs a finite cost "
                    + "and gain, but got cost " + cost + " and gain " + gain);
        }

        /** Whether this one is at most as costly and at least as good as {@code other}, and strictly one of them. */
        boolean dominates(Candidate other) {
            boolean noCostlier = cost <= other.cost + TIE;
            boolean noWorse = gain >= other.gain - TIE;
            boolean strictly = cost < other.cost - TIE || gain > other.gain + TIE;
            return noCostlier && noWorse && strictly;
        }
    }

    private ParetoFront() {}

    /** The undominated candidates, cheapest first (equal costs: the better first, then by name). */
    static List<Candidate> of(List<Candidate> candidates) {
        List<Candidate> front = new ArrayList<>();
        for (Candidate c : candidates) {
            if (candidates.stream().noneMatch(other -> other.dominates(c))) {
                front.add(c);
            }
        }
        front.sort(Comparator.comparingDouble(Candidate::cost).thenComparing(Comparator.comparingDouble(
                Candidate::gain).reversed()).thenComparing(Candidate::name));
        return front;
    }
}
