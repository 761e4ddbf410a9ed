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
import dev.sweep.common.wire.Proposal;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.search.PruneDecision;
import dev.sweep.coordinator.strategy.Proposed;
import dev.sweep.coordinator.strategy.Strategies;
import dev.sweep.coordinator.strategy.SweepStrategy;
import dev.sweep.coordinator.strategy.TrialPruning;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one sweep to its end from the event log: a thin loop that folds the log into the state,
 * asks its plug-ins (the {@link SweepStrategy} for trials, the {@link TrialPruning} for stops)
 * and carries out their answers, which are plain values, as Kafka messages. Every decision is
 * taken from the folded state after the log has been read to its end, and every decision that
 * depends on results is written to the log (a proposal on its queued event, a stop as a pruned
 * event), so a coordinator started again on a half-done sweep takes exactly the decisions that
 * are missing.
 *
 * <p>Trials are handed out one per idle worker ({@link Dispatch#ON_IDLE}): each goes to a
 * partition that an idle worker owns, so a slow trial never holds others up behind it while
 * another worker waits, and an adaptive strategy proposes only as many as there are free
 * workers, each from the latest results. {@link Dispatch#ALL_AT_ONCE} publishes everything by
 * key (for {@code submit}, when no coordinator stays to hand trials out; planned strategies only).
 */
public final class SweepCoordinator {
    /** How long a worker's last heartbeat counts. */
    static final long WORKER_STALE_MS = 10_000;
    /** A trial handed to a worker that has not started it after this long may go to another. */
    static final long START_GRACE_MS = 30_000;

    /**
     * At most this many trials go out together when everything is published at once, so that a
     * failure in the middle leaves a short batch to publish again.
     */
    static final int PUBLISH_BATCH = 64;

    /** When trials are published. */
    public enum Dispatch {
        ON_IDLE,
        ALL_AT_ONCE
    }

    private final SweepSpec spec;
    private final SweepStrategy strategy;
    private final TrialPruning pruning;
    private final String planId;
    private final SweepPublisher publisher;
    private final EventLog log;
    private final Dispatch dispatch;
    private final SweepState state;
    private final WorkerRoster workers = new WorkerRoster();
    /** Trials (or retries) decided on and not yet published, in the order they go out. */
    private final Deque<Proposed> pending = new ArrayDeque<>();
    /** The attempts in {@link #pending}: whether one is already there is asked for every proposal. */
    private final Set<Attempt> pendingAttempts = new HashSet<>();
    /** Attempts published by this process. */
    private final Set<Attempt> published = new HashSet<>();
    /** The trials that changed since the last turn: the only ones a turn's decisions can be about. */
    private final SweepState.Changes changes;
    /** Whether the strategy has been asked at least once. */
    private boolean asked;
    /** Worker id to the trial handed to it and when, until that trial starts. */
    private final Map<String, Handed> handed = new HashMap<>();
    /** Trials this process declared dead for killing their workers. */
    private final Set<String> declaredDead = new HashSet<>();
    /** (trial id, attempt) to the evaluations the pruner has judged it at, in this process. */
    private final Map<String, Integer> judged = new HashMap<>();
    /** Why nothing new is published any more (the compute budget is spent), or null. */
    private String budgetSpent;

    private record Handed(String trialId, long time) {}

    /** One attempt of one trial: what is published once. */
    private record Attempt(String trialId, int attempt) {
        static Attempt of(TrialSpec t) {
            return new Attempt(t.trialId(), t.attempt());
        }
    }

    private volatile double eventLagSeconds;
    /** Carried on every queued event, so the log alone rebuilds the report as the spec meant it. */
    private final ReportPlan reportPlan;

    public SweepCoordinator(SweepSpec spec, SweepPlanner planner, SweepPublisher publisher, EventLog log,
            Dispatch dispatch) {
        this.spec = spec;
        this.strategy = Strategies.of(spec, planner);
        this.pruning = TrialPruning.of(spec);
        if (dispatch == Dispatch.ALL_AT_ONCE && Strategies.adaptive(spec)) {
            throw new IllegalArgumentException("strategy " + spec.strategy().wireName() + (spec.prune() != null
                    ? " with prune:" : spec.seeds().untilDecided() ? " with seeds until decided" : "")
                    + " learns from results as they come, so it needs a coordinator that stays: use "
                    + "'sweep run SPEC.yaml --bootstrap HOST:PORT' instead of submit");
        }
        List<Proposed> first = strategy.propose(new SweepState(spec.name()), 1);
        this.planId = first.isEmpty() ? "" : first.get(0).trial().planId();
        this.reportPlan = planner.reportPlan();
        this.publisher = publisher;
        this.log = log;
        this.dispatch = dispatch;
        this.state = new SweepState(spec.name());
        this.changes = state.track();
    }

    public SweepState state() {
        return state;
    }

    /** Trials decided on but not yet handed to a worker. */
    public int waiting() {
        return pending.size();
    }

    /** Why no new trial goes out any more (the budget is spent), or null while they still do. */
    public String budgetSpent() {
        return budgetSpent;
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
        if (state.plans().stream().anyMatch(p -> !p.equals(planId))) {
            throw new IllegalArgumentException("sweep '" + spec.name() + "' is already in the event log with another "
                    + "plan (its spec changed since it ran); give the changed spec a new name, or, in the embedded "
                    + "mode, delete the broker's folder (.sweep/kafka) to start from an empty log");
        }
        step();
        onChange.accept(this);
        while (!done() && !stop.getAsBoolean()) {
            boolean changed = fold(log.poll(Duration.ofMillis(500)));
            tick.run();
            changed |= step();
            if (changed) {
                onChange.accept(this);
            }
        }
        return state;
    }

    /** One turn of the loop after a fold: decide, then carry the decisions out. */
    private boolean step() {
        List<TrialView> changed = changes.drain();
        boolean acted = decide(changed);
        acted |= prune(changed);
        acted |= checkBudget();
        acted |= propose();
        acted |= publishPending();
        return acted;
    }

    /**
     * Whether the sweep is over: nothing waits to go out, the strategy will propose nothing more
     * (or the budget is spent), and every trial in the log has finished.
     */
    public boolean done() {
        if (!pending.isEmpty()) {
            return false;
        }
        if (budgetSpent == null && !strategy.exhausted(state)) {
            return false;
        }
        for (TrialView v : state.trials()) {
            if (strategy.trial(v) != null && !v.state().finished()) {
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

    /**
     * Queues retries, and dead-letters trials that failed for good. Only trials that changed since
     * the last turn can need either: each decision is taken the first time its trial shows the
     * state that calls for it, and taking it again would change nothing.
     */
    private boolean decide(List<TrialView> changed) {
        boolean acted = false;
        for (TrialView v : changed) {
            TrialSpec trial = strategy.trial(v);
            if (trial == null) {
                continue; // a trial of an older plan of this sweep: shown, not driven
            }
            if (v.wantsRetry()) {
                acted |= enqueue(new Proposed(withAttempt(trial, v.attempt() + 1), v.proposal()), true);
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
        return acted;
    }

    /**
     * Asks the pruner about every running trial with an evaluation it has not judged; a stop is
     * written to the log as the trial's pruned event (folded here at once, so it is not judged
     * again) and then told to the worker, which stops at its next step. A trial with a new
     * evaluation has changed since the last turn, so only those are looked at.
     */
    private boolean prune(List<TrialView> changed) {
        if (pruning == null) {
            return false;
        }
        boolean acted = false;
        for (TrialView v : changed) {
            if (v.state() != TrialState.RUNNING || v.history().isEmpty() || strategy.trial(v) == null) {
                continue;
            }
            String key = v.trialId() + "#" + v.attempt();
            Integer seen = judged.get(key);
            if (seen != null && seen >= v.history().size()) {
                continue;
            }
            judged.put(key, v.history().size());
            PruneDecision d = pruning.judge(state, v);
            if (d.isStop()) {
                TrialEvent.Pruned pruned = new TrialEvent.Pruned(WireVersion.CURRENT, spec.name(), v.trialId(),
                        v.attempt(), System.currentTimeMillis(), "coordinator", d.reason());
                publisher.event(pruned);
                state.apply(pruned);
                publisher.control(ControlMessage.prune(spec.name(), v.trialId()));
                acted = true;
            }
        }
        return acted;
    }

    /** Stops publishing new trials once the trials' training time reaches budget.trial_hours. */
    private boolean checkBudget() {
        Double hours = spec.budget().trialHours();
        if (budgetSpent != null || hours == null) {
            return false;
        }
        double spent = state.trainingSeconds(System.currentTimeMillis()) / 3600.0;
        if (spent < hours) {
            return false;
        }
        int dropped = (int) pending.stream().filter(p -> !state.knows(p.trial().trialId())).count();
        pending.removeIf(p -> {
            boolean drop = !state.knows(p.trial().trialId());
            if (drop) {
                pendingAttempts.remove(Attempt.of(p.trial()));
            }
            return drop;
        });
        budgetSpent = String.format(java.util.Locale.ROOT, "budget spent: the trials trained %.2f of %.2f trial-hours "
                + "(budget.trial_hours); no new trial was published after that (%d waiting were dropped)", spent, hours,
                dropped);
        return true;
    }

    /**
     * Queues what the strategy proposes: planned trials at once, adaptive ones as workers free up.
     * After its first answer the strategy is asked again only when a worker could start what it
     * proposes: while the trials already queued outnumber the free workers, anything new would
     * only join the end of the queue, and a planned strategy's answer (every trial of the plan
     * not yet in the log) would cost a pass over the whole plan at every turn.
     */
    private boolean propose() {
        if (budgetSpent != null) {
            return false;
        }
        int room = dispatch == Dispatch.ALL_AT_ONCE ? Integer.MAX_VALUE : Math.max(0, freeWorkers() - pending.size());
        if (asked && room == 0) {
            return false;
        }
        asked = true;
        boolean any = false;
        for (Proposed p : strategy.propose(state, room)) {
            any |= enqueue(p, false);
            if (p.proposal() != null) {
                // the strategy's next call must see this proposal (as queued) before it is published: a
                // number is never proposed twice. The log's own queued event later changes nothing.
                state.apply(TrialEvent.Queued.of(p.trial(), reportPlan, p.proposal()));
            }
        }
        return any;
    }

    /** Queues a trial (attempt) not yet published or queued; retries go first, so they are not starved. */
    private boolean enqueue(Proposed p, boolean first) {
        Attempt a = Attempt.of(p.trial());
        if (published.contains(a) || !pendingAttempts.add(a)) {
            return false;
        }
        if (first) {
            pending.addFirst(p);
        } else {
            pending.addLast(p);
        }
        return true;
    }

    /** Idle workers that would take a trial now (those still waiting for a handed trial do not count). */
    private int freeWorkers() {
        long now = System.currentTimeMillis();
        int n = 0;
        for (WorkerStatus w : workers.idle(now, WORKER_STALE_MS)) {
            if (!waitingForHanded(w, now)) {
                n++;
            }
        }
        return n;
    }

    private boolean waitingForHanded(WorkerStatus w, long now) {
        Handed h = handed.get(w.workerId());
        boolean stillWaiting = h != null && state.trial(h.trialId()) != null
                && state.trial(h.trialId()).state() == TrialState.QUEUED && now - h.time() < START_GRACE_MS;
        // an idle heartbeat sent before the handed trial arrived is not a second free slot
        return stillWaiting || (h != null && w.time() <= h.time());
    }

    private boolean publishPending() {
        if (pending.isEmpty()) {
            return false;
        }
        List<SweepPublisher.Outgoing> out = new ArrayList<>();
        if (dispatch == Dispatch.ALL_AT_ONCE) {
            while (!pending.isEmpty()) {
                add(out, takeNext(), null);
                if (out.size() == PUBLISH_BATCH || pending.isEmpty()) {
                    publish(out);
                    out.clear();
                }
            }
            return true;
        }
        long now = System.currentTimeMillis();
        for (WorkerStatus w : workers.idle(now, WORKER_STALE_MS)) {
            if (pending.isEmpty()) {
                break;
            }
            if (waitingForHanded(w, now)) {
                continue;
            }
            Proposed next = takeNext();
            add(out, next, w.partitions().get(0));
            handed.put(w.workerId(), new Handed(next.trial().trialId(), now));
        }
        publish(out);
        return !out.isEmpty();
    }

    private Proposed takeNext() {
        Proposed next = pending.removeFirst();
        pendingAttempts.remove(Attempt.of(next.trial()));
        return next;
    }

    /** Adds an attempt not yet published by this process to the batch going out. */
    private void add(List<SweepPublisher.Outgoing> out, Proposed p, Integer partition) {
        if (published.add(Attempt.of(p.trial()))) {
            out.add(new SweepPublisher.Outgoing(p.trial(), partition, p.proposal()));
        }
    }

    /** The turn's trials together: each trial acknowledged before its queued event is sent. */
    private void publish(List<SweepPublisher.Outgoing> out) {
        if (!out.isEmpty()) {
            publisher.publish(out, reportPlan);
        }
    }

    private static TrialSpec withAttempt(TrialSpec t, int attempt) {
        TrialSpec next = t;
        while (next.attempt() < attempt) {
            next = next.nextAttempt();
        }
        return next;
    }
}
