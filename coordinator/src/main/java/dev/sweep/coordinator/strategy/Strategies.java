package dev.sweep.coordinator.strategy;

import dev.sweep.common.sweep.Strategy;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.coordinator.plan.SweepPlanner;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The strategies, found by the spec's {@code strategy:} name: the one place a new strategy is
 * declared. An ablation whose seeds are a range ({@code seeds: {min, max}}) adds seeds until
 * each configuration is decided.
 */
public final class Strategies {
    private static final Map<Strategy, BiFunction<SweepSpec, SweepPlanner, SweepStrategy>> BY_NAME =
            new EnumMap<>(Strategy.class);

    static {
        BY_NAME.put(Strategy.GRID, PlannedStrategy::new);
        BY_NAME.put(Strategy.RANDOM, PlannedStrategy::new);
        BY_NAME.put(Strategy.ABLATION, (spec, planner) -> spec.seeds().untilDecided()
                ? new UntilDecidedStrategy(spec, planner) : new PlannedStrategy(spec, planner));
        BY_NAME.put(Strategy.TPE, TpeStrategy::new);
    }

    private Strategies() {}

    public static SweepStrategy of(SweepSpec spec, SweepPlanner planner) {
        BiFunction<SweepSpec, SweepPlanner, SweepStrategy> make = BY_NAME.get(spec.strategy());
        if (make == null) {
            throw new IllegalArgumentException("strategy " + spec.strategy().wireName() + " has no implementation; "
                    + "known: " + BY_NAME.keySet().stream().map(Strategy::wireName).toList());
        }
        return make.apply(spec, planner);
    }

    /**
     * The trials a preflight checks before anything is published: what the strategy proposes
     * first on an empty log (every planned trial; an adaptive strategy's first proposal).
     */
    public static java.util.List<dev.sweep.common.wire.TrialSpec> firstTrials(SweepSpec spec, SweepPlanner planner) {
        return of(spec, planner).propose(new dev.sweep.coordinator.state.SweepState(spec.name()), 1).stream()
                .map(Proposed::trial).toList();
    }

    /** Whether the strategy learns from results, so its trials cannot all be published at once (submit). */
    public static boolean adaptive(SweepSpec spec) {
        return spec.strategy() == Strategy.TPE || spec.seeds().untilDecided() || spec.prune() != null;
    }
}
