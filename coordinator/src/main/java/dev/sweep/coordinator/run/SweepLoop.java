package dev.sweep.coordinator.run;

import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.coordinator.kafka.EventLog;
import dev.sweep.coordinator.kafka.SweepPublisher;
import dev.sweep.coordinator.metrics.SweepMetrics;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.report.LiveTable;
import dev.sweep.coordinator.state.SweepState;
import java.io.PrintStream;
import java.util.function.BooleanSupplier;

/**
 * One sweep's loop as the command line runs it: a {@link SweepCoordinator} between its own
 * publisher and event log, the live table redrawn at most every two seconds, and the sweep's
 * metrics updated after every change. Knows nothing of where the cluster came from.
 */
public final class SweepLoop {
    /** A sweep's events come much faster than a person reads a table. */
    static final long TABLE_PERIOD_MS = 2000;

    private final SweepSpec spec;
    private final SweepPlanner planner;
    private final KafkaSettings kafka;

    /**
     * How the loop ended.
     *
     * @param state the sweep folded from the log
     * @param finished whether the sweep ran to its end (false: stopped before it)
     * @param budgetSpent why no new trial went out towards the end (the budget), or null
     */
    public record Outcome(SweepState state, boolean finished, String budgetSpent) {
        public Outcome {
            if (state == null) {
                throw new IllegalArgumentException("an outcome needs the sweep's state");
            }
        }
    }

    public SweepLoop(SweepSpec spec, SweepPlanner planner, KafkaSettings kafka) {
        this.spec = spec;
        this.planner = planner;
        this.kafka = kafka;
    }

    /**
     * Runs the sweep until it ends or {@code stop} says so, handing trials to idle workers.
     *
     * @param metrics updated with the state after every change
     * @param tick called after every poll (the workers' supervision)
     * @param err the live table and the event log's warnings
     */
    public Outcome run(SweepMetrics metrics, Runnable tick, BooleanSupplier stop, PrintStream err) {
        try (SweepPublisher publisher = new SweepPublisher(kafka);
                EventLog log = new EventLog(kafka, w -> err.println("sweep: " + w))) {
            SweepCoordinator coordinator = new SweepCoordinator(spec, planner, publisher, log,
                    SweepCoordinator.Dispatch.ON_IDLE);
            Throttle throttle = new Throttle(TABLE_PERIOD_MS);
            SweepState state = coordinator.run(c -> {
                metrics.update(c.state());
                metrics.eventLag(c.eventLagSeconds());
                if (throttle.ready()) {
                    err.print(LiveTable.render(c.state(), c.waiting()));
                }
            }, tick, stop);
            metrics.finish(state);
            return new Outcome(state, coordinator.done(), coordinator.budgetSpent());
        }
    }

    /**
     * Publishes every trial of a planned sweep at once, by key, and returns: no coordinator stays.
     *
     * @throws IllegalArgumentException for a strategy that learns from results, before anything is published
     */
    public SweepState publishAll(PrintStream err) {
        try (SweepPublisher publisher = new SweepPublisher(kafka); EventLog log = new EventLog(kafka, err::println)) {
            SweepCoordinator coordinator = new SweepCoordinator(spec, planner, publisher, log,
                    SweepCoordinator.Dispatch.ALL_AT_ONCE);
            return coordinator.run(c -> {}, () -> true);
        }
    }

    /** At most one redraw per period. */
    private static final class Throttle {
        private final long periodMillis;
        private long last;

        Throttle(long periodMillis) {
            this.periodMillis = periodMillis;
        }

        boolean ready() {
            long now = System.currentTimeMillis();
            if (now - last >= periodMillis) {
                last = now;
                return true;
            }
            return false;
        }
    }
}
