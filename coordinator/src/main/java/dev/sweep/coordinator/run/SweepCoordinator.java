package dev.sweep.coordinator.run;

import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.ControlMessage;
import dev.sweep.common.wire.DeadLetter;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.common.wire.WireVersion;
import dev.sweep.common.wire.WorkerStatus;
import dev.sweep.coordinator.kafka.EventLog;
import dev.sweep.coordinator.kafka.SweepPublisher;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import dev.sweep.coordinator.state.WorkerRoster;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one sweep to its end from the event log. Every decision (publish, retry, dead-letter,
 * average) is taken from the folded state after the log has been read to its end, so a
 * coordinator started again on a half-done sweep takes exactly the decisions that are missing.
 *
 * <p>Trials are handed out one per idle worker ({@link Dispatch#ON_IDLE}): each goes to a
 * partition that an idle worker owns, so a slow trial never holds others up behind it while
 * another worker waits. {@link Dispatch#ALL_AT_ONCE} publishes everything by key (for
 * {@code submit}, when no coordinator stays to hand trials out).
 */
public final class SweepCoordinator {
    /** How long a worker's last heartbeat counts. */
    static final long WORKER_STALE_MS = 10_000;
    /** A trial handed to a worker that has not started it after this long may go to another. */
    static final long START_GRACE_MS = 30_000;

    /** When trials are published. */
    public enum Dispatch {
        ON_IDLE,
        ALL_AT_ONCE
    }

    private final SweepSpec spec;
    private final List<TrialSpec> planned;
    private final SweepPublisher publisher;
    private final EventLog log;
    private final Dispatch dispatch;
    private final SweepState state;
    private final WorkerRoster workers = new WorkerRoster();
    /** Trials (or retries) decided on and not yet published, in the order they go out. */
    private final Deque<TrialSpec> pending = new ArrayDeque<>();
    /** (trial id, attempt) published by this process. */
    private final Set<String> published = new HashSet<>();
    /** Worker id to the trial handed to it and when, until that trial starts. */
    private final Map<String, Handed> handed = new HashMap<>();
    /** Trials this process declared dead for killing their workers. */
    private final Set<String> declaredDead = new HashSet<>();

    private record Handed(String trialId, long time) {}

    private volatile double eventLagSeconds;
    /** Carried on every queued event, so the log alone rebuilds the report as the spec meant it. */
    private final ReportPlan reportPlan;

    public SweepCoordinator(SweepSpec spec, SweepPlanner planner, SweepPublisher publisher, EventLog log,
            Dispatch dispatch) {
        this.spec = spec;
        this.planned = planner.trials();
        this.reportPlan = planner.reportPlan();
        this.publisher = publisher;
        this.log = log;
        this.dispatch = dispatch;
        this.state = new SweepState(spec.name());
    }

    public SweepState state() {
        return state;
    }

    /** Trials decided on but not yet handed to a worker. */
    public int waiting() {
        return pending.size();
    }

    /**
     * Publishes what is missing and follows the log until every trial has finished.
     *
     * @param onChange called with this coordinator after each batch that changed something
     * @param stop checked between polls; true returns early with the state so far
     * @return the final state
     */
    public SweepState run(Consumer<SweepCoordinator> onChange, BooleanSupplier stop) {
        return run(onChange, () -> {}, stop);
    }

    /** As {@link #run(Consumer, BooleanSupplier)}, calling {@code tick} after every poll (supervision). */
    public SweepState run(Consumer<SweepCoordinator> onChange, Runnable tick, BooleanSupplier stop) {
        fold(log.catchUp());
        String planId = planned.isEmpty() ? "" : planned.get(0).planId();
        if (state.plans().stream().anyMatch(p -> !p.equals(planId))) {
            throw new IllegalArgumentException("sweep '" + spec.name() + "' is already in the event log with another "
                    + "plan (its spec changed since it ran); give the changed spec a new name, or, in the embedded "
                    + "mode, delete the broker's folder (.sweep/kafka) to start from an empty log");
        }
        for (TrialSpec t : planned) {
            if (!state.knows(t.trialId())) {
                pending.add(t);
            }
        }
        decide();
        publishPending();
        onChange.accept(this);
        while (!done() && !stop.getAsBoolean()) {
            boolean changed = fold(log.poll(Duration.ofMillis(500)));
            tick.run();
            changed |= decide();
            changed |= publishPending();
            if (changed) {
                onChange.accept(this);
            }
        }
        return state;
    }

    /** Whether every planned trial and every average it calls for has finished. */
    public boolean done() {
        if (!pending.isEmpty()) {
            return false;
        }
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

    /** How old the newest event of the last batch was when it was read. */
    public double eventLagSeconds() {
        return eventLagSeconds;
    }

    private boolean fold(EventLog.Batch batch) {
        boolean changed = false;
        long newest = 0;
        for (TrialEvent e : batch.events()) {
            changed |= state.apply(e);
            newest = Math.max(newest, e.time());
        }
        if (newest > 0) {
            eventLagSeconds = Math.max(0, (System.currentTimeMillis() - newest) / 1000.0);
        }
        for (DeadLetter d : batch.dead()) {
            if (d.sweepId().equals(spec.name())) {
                state.deadLettered(d.trialId());
            }
        }
        batch.workers().forEach(workers::apply);
        return changed || !batch.workers().isEmpty();
    }

    /** Queues retries and due averages, and dead-letters trials that failed for good. */
    private boolean decide() {
        boolean acted = false;
        List<TrialSpec> averages = averagesDue();
        Map<String, TrialSpec> byId = new LinkedHashMap<>();
        planned.forEach(t -> byId.put(t.trialId(), t));
        averages.forEach(t -> byId.put(t.trialId(), t));
        for (TrialView v : new ArrayList<>(state.trials())) {
            TrialSpec trial = byId.get(v.trialId());
            if (trial == null) {
                continue; // a trial of an older plan of this sweep: shown, not driven
            }
            if (v.wantsRetry()) {
                acted |= enqueue(withAttempt(trial, v.attempt() + 1), true);
            } else if (v.killsWorkers() && declaredDead.add(v.trialId())) {
                // the worker training it died again and again (a native crash, memory): no worker reports
                // a failure, so the coordinator does, and tells every worker to drop the trial
                publisher.event(new TrialEvent.Failed(WireVersion.CURRENT, trial.sweepId(), v.trialId(), v.attempt(),
                        System.currentTimeMillis(), "coordinator", "the worker training it died " + (v.deliveries() - 1)
                        + " times (killed, out of memory or a native crash); last on " + v.worker(), false));
                publisher.control(new ControlMessage(WireVersion.CURRENT, ControlMessage.Action.CANCEL, trial.sweepId(),
                        v.trialId(), System.currentTimeMillis()));
                acted = true;
            } else if (v.state() == TrialState.DEAD && !state.isDeadLettered(v.trialId())) {
                publisher.dead(new DeadLetter(WireVersion.CURRENT, trial.sweepId(), v.trialId(), v.configName(),
                        v.attempt(), v.error(), System.currentTimeMillis()));
                state.deadLettered(v.trialId());
                acted = true;
            }
        }
        for (TrialSpec avg : averages) {
            if (!state.knows(avg.trialId())) {
                acted |= enqueue(avg, false);
            }
        }
        return acted;
    }

    /** Queues a trial (attempt) not yet published or queued; retries go first, so they are not starved. */
    private boolean enqueue(TrialSpec t, boolean first) {
        if (published.contains(key(t)) || pending.stream().anyMatch(p -> key(p).equals(key(t)))) {
            return false;
        }
        if (first) {
            pending.addFirst(t);
        } else {
            pending.addLast(t);
        }
        return true;
    }

    private boolean publishPending() {
        if (pending.isEmpty()) {
            return false;
        }
        if (dispatch == Dispatch.ALL_AT_ONCE) {
            while (!pending.isEmpty()) {
                publish(pending.removeFirst(), null);
            }
            return true;
        }
        long now = System.currentTimeMillis();
        boolean any = false;
        for (WorkerStatus w : workers.idle(now, WORKER_STALE_MS)) {
            if (pending.isEmpty()) {
                break;
            }
            Handed h = handed.get(w.workerId());
            boolean stillWaiting = h != null && state.trial(h.trialId()) != null
                    && state.trial(h.trialId()).state() == TrialState.QUEUED && now - h.time() < START_GRACE_MS;
            // an idle heartbeat sent before the handed trial arrived is not a second free slot
            if (stillWaiting || (h != null && w.time() <= h.time())) {
                continue;
            }
            TrialSpec next = pending.removeFirst();
            publish(next, w.partitions().get(0));
            handed.put(w.workerId(), new Handed(next.trialId(), now));
            any = true;
        }
        return any;
    }

    private void publish(TrialSpec t, Integer partition) {
        if (published.add(key(t))) {
            publisher.publish(t, partition, reportPlan);
        }
    }

    private static String key(TrialSpec t) {
        return t.trialId() + "#" + t.attempt();
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

    private static TrialSpec withAttempt(TrialSpec t, int attempt) {
        TrialSpec next = t;
        while (next.attempt() < attempt) {
            next = next.nextAttempt();
        }
        return next;
    }
}
