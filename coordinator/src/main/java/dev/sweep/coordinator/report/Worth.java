package dev.sweep.coordinator.report;

import dev.sweep.coordinator.report.ParetoFront.Candidate;
import dev.sweep.coordinator.report.SweepReport.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Whether each configuration is worth its cost: its gain over the reference (the matched pairs'
 * mean, + = better) against its cost as a multiple of the reference's, time per step and peak
 * memory, and the Pareto front on each (no other configuration cheaper and better). The
 * reference is a point too, at cost 1 and gain 0: a configuration that costs more and gains
 * nothing is dominated by simply not using it.
 *
 * @param points every training configuration compared with the reference, and the reference
 * @param timeFront the front on ms per step, cheapest first; empty without timings
 * @param memoryFront the front on peak memory, cheapest first; empty without memory figures
 */
public record Worth(List<Point> points, List<String> timeFront, List<String> memoryFront) {
    public Worth {
        points = List.copyOf(points);
        timeFront = List.copyOf(timeFront);
        memoryFront = List.copyOf(memoryFront);
    }

    /**
     * One configuration.
     *
     * @param gain over the reference, + = better (0 for the reference)
     * @param msRatio ms per step as a multiple of the reference's; NaN when either is untimed
     * @param memoryRatio peak memory as a multiple of the reference's; NaN when either is unknown
     */
    public record Point(String config, double gain, double msRatio, double memoryRatio) {}

    /** @return null when nothing is compared with a reference */
    static Worth of(List<Column> columns, String reference) {
        if (reference == null) {
            return null;
        }
        List<Point> points = new ArrayList<>();
        for (Column c : columns) {
            if (c.averaged()) {
                continue; // an average does not train: it has no time per step to weigh
            }
            if (c.config().equals(reference)) {
                points.add(new Point(c.config(), 0, c.cost().msRatio(), c.cost().memoryRatio()));
            } else if (c.test() != null && Double.isFinite(c.test().improvement())) {
                points.add(new Point(c.config(), c.test().improvement(), c.cost().msRatio(), c.cost().memoryRatio()));
            }
        }
        if (points.stream().noneMatch(p -> !p.config().equals(reference))) {
            return null;
        }
        return new Worth(points, front(points, Point::msRatio), front(points, Point::memoryRatio));
    }

    /** The front on one cost axis, over the points that have that cost. */
    static List<String> front(List<Point> points, ToDoubleFunction<Point> cost) {
        List<Candidate> candidates = points.stream().filter(p -> Double.isFinite(cost.applyAsDouble(p)))
                .map(p -> new Candidate(p.config(), cost.applyAsDouble(p), p.gain())).toList();
        if (candidates.size() < 2) {
            return List.of();
        }
        return ParetoFront.of(candidates).stream().map(Candidate::name).toList();
    }
}
