package dev.sweep.coordinator.state;

import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.Proposal;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialKind;
import java.util.List;
import java.util.Map;

/**
 * What the log says about one trial.
 *
 * @param attempt the attempt the state refers to
 * @param progress the running attempt's last progress event, or null
 * @param history the evaluations of the attempt that counts (the completed one, or the running one)
 * @param superseded events of attempts or deliveries that no longer count (a dead worker's progress)
 * @param deliveries how many workers started the current attempt: more than one means the ones
 *     before died while training it
 * @param proposal what an adaptive strategy proposed for this trial (from its queued event), or null
 * @param stopReason why the pruner stopped it, for a {@link TrialState#PRUNED} trial; else null
 * @param startedAt event time the current attempt started, 0 before it has
 * @param spentSeconds training time of the attempts that ended (start to terminal event)
 */
public record TrialView(String trialId, TrialKind kind, String configName, Map<String, String> settings, long seed,
        Integer fold, List<String> members, int maxAttempts, TrialState state, int attempt, String worker,
        TrialEvent.Progress progress, List<EvalPoint> history, TrialResult result, String error, boolean retryable,
        int superseded, int duplicateResults, int deliveries, Proposal proposal, String stopReason, long startedAt,
        double spentSeconds) {
    public TrialView {
        settings = Map.copyOf(settings);
        members = List.copyOf(members);
        history = List.copyOf(history);
    }

    TrialView with(TrialState newState, int newAttempt, String newWorker, TrialEvent.Progress newProgress,
            List<EvalPoint> newHistory, TrialResult newResult, String newError, boolean newRetryable,
            int newSuperseded, int newDuplicates) {
        return new TrialView(trialId, kind, configName, settings, seed, fold, members, maxAttempts, newState,
                newAttempt, newWorker, newProgress, newHistory, newResult, newError, newRetryable, newSuperseded,
                newDuplicates, deliveries, proposal, stopReason, startedAt, spentSeconds);
    }

    TrialView withDeliveries(int n) {
        return new TrialView(trialId, kind, configName, settings, seed, fold, members, maxAttempts, state, attempt,
                worker, progress, history, result, error, retryable, superseded, duplicateResults, n, proposal, stopReason,
                startedAt, spentSeconds);
    }

    /** This view with the attempt started at {@code time}. */
    TrialView startedAt(long time) {
        return new TrialView(trialId, kind, configName, settings, seed, fold, members, maxAttempts, state, attempt,
                worker, progress, history, result, error, retryable, superseded, duplicateResults, deliveries, proposal,
                stopReason, time, spentSeconds);
    }

    /** This view with its running attempt ended at {@code time} (its training time added), and why when pruned. */
    TrialView endedAt(long time, String reason) {
        double spent = spentSeconds + (startedAt > 0 ? Math.max(0, time - startedAt) / 1000.0 : 0);
        return new TrialView(trialId, kind, configName, settings, seed, fold, members, maxAttempts, state, attempt,
                worker, progress, history, result, error, retryable, superseded, duplicateResults, deliveries, proposal,
                reason, 0, spent);
    }

    /** Training time so far: the ended attempts, and the running one up to {@code now}. */
    public double trainingSeconds(long now) {
        return spentSeconds + (startedAt > 0 ? Math.max(0, now - startedAt) / 1000.0 : 0);
    }

    /** Whether workers died training this attempt as often as the trial may be tried: a poison trial. */
    public boolean killsWorkers() {
        return state == TrialState.RUNNING && deliveries > maxAttempts;
    }

    /** Whether the coordinator should queue another attempt. */
    public boolean wantsRetry() {
        return state == TrialState.FAILED && retryable && attempt < maxAttempts;
    }
}
