package dev.sweep.coordinator.run;

import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.DeadLetter;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.common.wire.WireVersion;
import dev.sweep.coordinator.kafka.EventLog;
import dev.sweep.coordinator.kafka.SweepPublisher;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one sweep to its end from the event log. Every decision (publish, retry, dead-letter,
 * average) is taken from the folded state after the log has been read to its end, so a
 * coordinator started again on a half-done sweep takes exactly the decisions that are missing.
 */
public final class SweepCoordinator {
    private final SweepSpec spec;
    private final List<TrialSpec> planned;
    private final SweepPublisher publisher;
    private final EventLog log;
    private final SweepState state;
    /** (trial id, attempt) published by this process and not yet seen in the log. */
    private final Set<String> inFlight = new HashSet<>();

    public SweepCoordinator(SweepSpec spec, SweepPlanner planner, SweepPublisher publisher, EventLog log) {
        this.spec = spec;
        this.planned = planner.trials();
        this.publisher = publisher;
        this.log = log;
        this.state = new SweepState(spec.name());
    }

    public SweepState state() {
        return state;
    }

    /**
     * Publishes what is missing and follows the log until every trial has finished.
     *
     * @param onChange called with the state after each batch that changed it (the live table)
     * @param stop checked between polls; true returns early with the state so far
     * @return the final state
     */
    public SweepState run(Consumer<SweepState> onChange, BooleanSupplier stop) {
        fold(log.catchUp());
        for (TrialSpec t : planned) {
            if (!state.knows(t.trialId())) {
                publish(t);
            }
        }
        onChange.accept(state);
        while (!done() && !stop.getAsBoolean()) {
            boolean changed = fold(log.poll(Duration.ofMillis(500)));
            changed |= act();
            if (changed) {
                onChange.accept(state);
            }
        }
        return state;
    }

    /** Whether every planned trial and every average it calls for has finished. */
    public boolean done() {
        for (TrialSpec t : planned) {
            TrialView v = state.trial(t.trialId());
            if (v == null || !v.state().finished()) {
                return false;
            }
        }
        for (TrialSpec avg : averagesDue()) {
            TrialView v = state.trial(avg.trialId());
            if (v == null || !v.state().finished()) {
                return false;
            }
        }
        return true;
    }

    private boolean fold(EventLog.Batch batch) {
        boolean changed = false;
        for (TrialEvent e : batch.events()) {
            changed |= state.apply(e);
            if (e instanceof TrialEvent.Queued q) {
                inFlight.remove(q.trialId() + "#" + q.attempt());
            }
        }
        for (DeadLetter d : batch.dead()) {
            if (d.sweepId().equals(spec.name())) {
                state.deadLettered(d.trialId());
            }
        }
        return changed;
    }

    private boolean act() {
        boolean acted = false;
        Map<String, TrialSpec> byId = new LinkedHashMap<>();
        planned.forEach(t -> byId.put(t.trialId(), t));
        averagesDue().forEach(t -> byId.put(t.trialId(), t));
        for (TrialView v : new ArrayList<>(state.trials())) {
            TrialSpec spec = byId.get(v.trialId());
            if (spec == null) {
                continue; // a trial of an older plan of this sweep: shown, not driven
            }
            if (v.wantsRetry()) {
                acted |= publish(withAttempt(spec, v.attempt() + 1));
            } else if (v.state() == TrialState.DEAD && !state.isDeadLettered(v.trialId())) {
                publisher.dead(new DeadLetter(WireVersion.CURRENT, spec.sweepId(), v.trialId(), v.configName(),
                        v.attempt(), v.error(), System.currentTimeMillis()));
                state.deadLettered(v.trialId());
                acted = true;
            }
        }
        for (TrialSpec avg : averagesDue()) {
            if (!state.knows(avg.trialId())) {
                acted |= publish(avg);
            }
        }
        return acted;
    }

    /** The FMA trials whose members have all completed. */
    private List<TrialSpec> averagesDue() {
        if (!spec.fma()) {
            return List.of();
        }
        Map<String, List<TrialSpec>> groups = new LinkedHashMap<>();
        for (TrialSpec t : planned) {
            if (t.kind() == TrialKind.TRAIN) {
                groups.computeIfAbsent(t.configName() + "#" + t.fold(), k -> new ArrayList<>()).add(t);
            }
        }
        List<TrialSpec> due = new ArrayList<>();
        for (List<TrialSpec> members : groups.values()) {
            boolean allDone = members.stream().allMatch(m -> {
                TrialView v = state.trial(m.trialId());
                return v != null && v.state() == TrialState.COMPLETED;
            });
            if (allDone) {
                due.add(SweepPlanner.average(members));
            }
        }
        return due;
    }

    private boolean publish(TrialSpec t) {
        String key = t.trialId() + "#" + t.attempt();
        if (!inFlight.add(key)) {
            return false;
        }
        publisher.publish(t);
        return true;
    }

    private static TrialSpec withAttempt(TrialSpec t, int attempt) {
        TrialSpec next = t;
        while (next.attempt() < attempt) {
            next = next.nextAttempt();
        }
        return Objects.requireNonNull(next);
    }
}
