package dev.sweep.coordinator.state;

import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.common.wire.TrialEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One sweep's trials as the event log tells them. Idempotent: an event seen twice, a second
 * result for a finished trial, or the progress of a worker that lost its trial change nothing
 * but the counters that say so. Not thread-safe: one consumer thread folds events into it.
 *
 * <p>Kept cheap at scale (tens of thousands of trials, a coordinator folding after every poll):
 * the count of trials in each state is kept as they change, and a reader that acts on changes
 * ({@link #track()}) is told which trials changed instead of looking at all of them each time.
 */
public final class SweepState {
    private final String sweepId;
    private final Map<String, TrialView> trials = new LinkedHashMap<>();
    /** Each trial's place in {@link #trials()}: trackers hand changed trials out in that order. */
    private final Map<String, Integer> order = new HashMap<>();
    private final Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
    private final List<Changes> trackers = new ArrayList<>();
    private final java.util.Set<String> deadLettered = new java.util.HashSet<>();
    private final java.util.Set<String> plans = new java.util.LinkedHashSet<>();
    /**
     * Events of trials whose queued event has not been read yet, in the order read. The
     * coordinator sends a trial's queued event after the broker has acknowledged the trial, so a
     * fast worker's started (even completed) event can land in the log before it; they are folded
     * in when the queued event comes. A trial whose queued event never comes (its coordinator died
     * between the two) keeps its events here until a later coordinator queues it again.
     */
    private final Map<String, List<TrialEvent>> early = new HashMap<>();
    private ReportPlan reportPlan;

    public SweepState(String sweepId) {
        this.sweepId = sweepId;
    }

    public String sweepId() {
        return sweepId;
    }

    /** Folds one event in; events of other sweeps are ignored. Returns whether anything changed. */
    public boolean apply(TrialEvent event) {
        if (!event.sweepId().equals(sweepId)) {
            return false;
        }
        if (event instanceof TrialEvent.Queued q) {
            boolean changed = queued(q);
            List<TrialEvent> before = early.remove(q.trialId());
            if (before != null) {
                for (TrialEvent e : before) {
                    changed |= apply(e);
                }
            }
            return changed;
        }
        TrialView t = trials.get(event.trialId());
        if (t == null) {
            early.computeIfAbsent(event.trialId(), id -> new ArrayList<>()).add(event);
            return false; // nothing to show until the trial's queued event says what it is
        }
        boolean stale = event.attempt() < t.attempt();
        if (t.state() == TrialState.DEAD) {
            put(superseded(t)); // declared dead: later words of the workers change nothing
            return true;
        }
        if (t.state() == TrialState.PRUNED) {
            // the coordinator's decision came first; the worker's own pruned or cancelled word, and what it sent
            // before it stopped, change nothing (and are no one's lost work: not counted as superseded)
            return false;
        }
        if (t.state() == TrialState.COMPLETED) {
            if (event instanceof TrialEvent.Completed) {
                put(t.with(t.state(), t.attempt(), t.worker(), t.progress(), t.history(), t.result(), t.error(),
                        t.retryable(), t.superseded(), t.duplicateResults() + 1));
                return true;
            }
            put(superseded(t));
            return true;
        }
        if (stale) {
            put(superseded(t));
            return true;
        }
        if (event instanceof TrialEvent.Started s) {
            // a second start of the same attempt is a redelivery: the first worker's events no longer count
            int superseded = t.superseded() + (t.state() == TrialState.RUNNING ? 1 : 0);
            int deliveries = s.attempt() == t.attempt() ? t.deliveries() + 1 : 1;
            put(t.with(TrialState.RUNNING, s.attempt(), s.worker(), null, List.of(), null, null, false,
                    superseded, t.duplicateResults()).withDeliveries(deliveries).startedAt(s.time()));
        } else if (event instanceof TrialEvent.Progress p) {
            if (!p.worker().equals(t.worker())) {
                put(superseded(t));
            } else {
                put(t.with(TrialState.RUNNING, t.attempt(), t.worker(), p, t.history(), null, null, false,
                        t.superseded(), t.duplicateResults()));
            }
        } else if (event instanceof TrialEvent.Evaluated e) {
            if (!e.worker().equals(t.worker())) {
                put(superseded(t));
            } else {
                List<EvalPoint> history = new ArrayList<>(t.history());
                history.add(e.point());
                put(t.with(t.state(), t.attempt(), t.worker(), t.progress(), history, null, null, false,
                        t.superseded(), t.duplicateResults()));
            }
        } else if (event instanceof TrialEvent.Completed c) {
            put(t.with(TrialState.COMPLETED, c.attempt(), c.worker(), t.progress(), c.result().history(), c.result(),
                    null, false, t.superseded(), t.duplicateResults()).endedAt(c.time(), null));
        } else if (event instanceof TrialEvent.Failed f) {
            boolean last = !f.retryable() || f.attempt() >= t.maxAttempts();
            put(t.with(last ? TrialState.DEAD : TrialState.FAILED, f.attempt(), f.worker(), t.progress(),
                    t.history(), null, f.error(), f.retryable(), t.superseded(), t.duplicateResults())
                    .endedAt(f.time(), null));
        } else if (event instanceof TrialEvent.Cancelled c) {
            put(t.with(TrialState.CANCELLED, c.attempt(), c.worker(), t.progress(), t.history(), null, "cancelled",
                    false, t.superseded(), t.duplicateResults()).endedAt(c.time(), null));
        } else if (event instanceof TrialEvent.Pruned p) {
            put(t.with(TrialState.PRUNED, p.attempt(), t.worker(), t.progress(), t.history(), null, null, false,
                    t.superseded(), t.duplicateResults()).endedAt(p.time(), p.reason()));
        }
        return true;
    }

    private boolean queued(TrialEvent.Queued q) {
        plans.add(q.planId());
        if (q.report() != null) {
            reportPlan = q.report(); // every queued event of a plan carries the same; the latest wins
        }
        TrialView t = trials.get(q.trialId());
        if (t == null) {
            put(new TrialView(q.trialId(), q.kind(), q.configName(), q.settings(), q.seed(), q.fold(), q.members(),
                    q.maxAttempts(), TrialState.QUEUED, q.attempt(), null, null, List.of(), null, null, false, 0, 0, 0,
                    q.proposal(), null, 0, 0));
            return true;
        }
        if (q.attempt() > t.attempt() && !t.state().finished()) {
            put(t.with(TrialState.QUEUED, q.attempt(), null, null, List.of(), null, t.error(), false, t.superseded(),
                    t.duplicateResults()).withDeliveries(0));
            return true;
        }
        return false;
    }

    private static TrialView superseded(TrialView t) {
        return t.with(t.state(), t.attempt(), t.worker(), t.progress(), t.history(), t.result(), t.error(),
                t.retryable(), t.superseded() + 1, t.duplicateResults());
    }

    /** The plan ids the log has trials of; one, unless the sweep's spec changed under its name. */
    public java.util.Set<String> plans() {
        return java.util.Collections.unmodifiableSet(plans);
    }

    /** The report settings the log carries, or null for a log written before they were carried. */
    public ReportPlan reportPlan() {
        return reportPlan;
    }

    /** Marks a trial as published to the dead-letter topic (read back from that topic on restart). */
    public void deadLettered(String trialId) {
        deadLettered.add(trialId);
    }

    public boolean isDeadLettered(String trialId) {
        return deadLettered.contains(trialId);
    }

    private void put(TrialView t) {
        TrialView prior = trials.put(t.trialId(), t);
        if (prior == null) {
            order.put(t.trialId(), order.size());
        } else {
            counts.merge(prior.state(), -1, Integer::sum);
        }
        counts.merge(t.state(), 1, Integer::sum);
        for (Changes c : trackers) {
            c.changed.add(t.trialId());
        }
    }

    /**
     * Starts telling the caller which trials change from now on (a trial added counts as changed).
     * The coordinator's decisions and the metrics act only on what changed since they last looked,
     * so a turn of the loop costs what changed, not the size of the sweep.
     */
    public Changes track() {
        Changes c = new Changes();
        trackers.add(c);
        return c;
    }

    /** The trials that changed since the last {@link #drain()}, for one reader. */
    public final class Changes {
        private final Set<String> changed = new HashSet<>();

        private Changes() {}

        /** The trials that changed since the last call, each once, in the order of {@link #trials()}. */
        public List<TrialView> drain() {
            if (changed.isEmpty()) {
                return List.of();
            }
            List<String> ids = new ArrayList<>(changed);
            changed.clear();
            ids.sort(Comparator.comparingInt(order::get));
            List<TrialView> out = new ArrayList<>(ids.size());
            for (String id : ids) {
                out.add(trials.get(id));
            }
            return out;
        }
    }

    public TrialView trial(String trialId) {
        return trials.get(trialId);
    }

    /** How many trials have events in the log but no queued event yet (their events wait for it). */
    public int awaitingQueued() {
        return early.size();
    }

    public boolean knows(String trialId) {
        return trials.containsKey(trialId);
    }

    /** Every trial in the order it was queued. */
    public Collection<TrialView> trials() {
        return java.util.Collections.unmodifiableCollection(trials.values());
    }

    public long count(TrialState state) {
        return counts.getOrDefault(state, 0);
    }

    /** Training time of every trial so far (ended attempts in full, running ones up to {@code now}), in seconds. */
    public double trainingSeconds(long now) {
        return trials.values().stream().mapToDouble(t -> t.trainingSeconds(now)).sum();
    }

    /** Whether every trial the log knows has finished (completed, dead, cancelled or pruned). */
    public boolean allFinished() {
        return !trials.isEmpty() && trials.values().stream().allMatch(t -> t.state().finished());
    }
}
