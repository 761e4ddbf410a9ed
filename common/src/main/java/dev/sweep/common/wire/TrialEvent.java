package dev.sweep.common.wire;

import static dev.sweep.common.trial.Checks.require;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialResult;
import java.util.Map;

/**
 * Everything that happens to a trial, published to {@link Topics#EVENTS} keyed by trial id. The
 * coordinator's whole state is a fold over these, so every event names its sweep, trial and
 * attempt; consumers are idempotent on (trial id, attempt).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TrialEvent.Queued.class, name = "queued"),
    @JsonSubTypes.Type(value = TrialEvent.Started.class, name = "started"),
    @JsonSubTypes.Type(value = TrialEvent.Progress.class, name = "progress"),
    @JsonSubTypes.Type(value = TrialEvent.Evaluated.class, name = "evaluated"),
    @JsonSubTypes.Type(value = TrialEvent.Completed.class, name = "completed"),
    @JsonSubTypes.Type(value = TrialEvent.Failed.class, name = "failed"),
    @JsonSubTypes.Type(value = TrialEvent.Cancelled.class, name = "cancelled"),
    @JsonSubTypes.Type(value = TrialEvent.Pruned.class, name = "pruned")
})
public sealed interface TrialEvent {
    int schemaVersion();

    String sweepId();

    String trialId();

    int attempt();

    /** Wall-clock milliseconds since the epoch when the event was made. */
    long time();

    /** Whether this event ends its attempt. */
    default boolean terminal() {
        return false;
    }

    private static void check(int schemaVersion, String sweepId, String trialId, int attempt) {
        WireVersion.check(schemaVersion, "event of trial " + trialId);
        require(sweepId != null && !sweepId.isBlank(), "event: sweep_id is required");
        require(trialId != null && !trialId.isBlank(), "event: trial_id is required");
        require(attempt >= 0, "event of trial " + trialId + ": attempt must be >= 0, but got " + attempt);
    }

    /**
     * The coordinator published the trial (attempt 0 is the plan; a retry is queued with its
     * attempt number). It carries what the report needs, so the event log alone rebuilds a sweep.
     *
     * @param report the report's settings from the spec (reference, select, folds); null in logs
     *     written before it existed, which still read
     * @param proposal for a trial an adaptive strategy proposed from results: its number and the
     *     exact parameters it was given, so a restarted coordinator rebuilds the trial and its
     *     strategy's history from the log alone; null for planned trials and older logs
     */
    record Queued(int schemaVersion, String sweepId, String trialId, int attempt, long time, TrialKind kind,
            String configName, Map<String, String> settings, long seed, Integer fold, java.util.List<String> members,
            int maxAttempts, String planId, ReportPlan report,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            Proposal proposal) implements TrialEvent {
        public Queued {
            check(schemaVersion, sweepId, trialId, attempt);
            planId = planId == null ? "" : planId;
            settings = settings == null ? Map.of() : Map.copyOf(settings);
            members = members == null ? java.util.List.of() : java.util.List.copyOf(members);
        }

        /** A queued event of a planned trial. */
        public Queued(int schemaVersion, String sweepId, String trialId, int attempt, long time, TrialKind kind,
                String configName, Map<String, String> settings, long seed, Integer fold, java.util.List<String> members,
                int maxAttempts, String planId, ReportPlan report) {
            this(schemaVersion, sweepId, trialId, attempt, time, kind, configName, settings, seed, fold, members,
                    maxAttempts, planId, report, null);
        }

        /** A queued event without report settings, as logs before them were written. */
        public Queued(int schemaVersion, String sweepId, String trialId, int attempt, long time, TrialKind kind,
                String configName, Map<String, String> settings, long seed, Integer fold, java.util.List<String> members,
                int maxAttempts, String planId) {
            this(schemaVersion, sweepId, trialId, attempt, time, kind, configName, settings, seed, fold, members,
                    maxAttempts, planId, null);
        }

        public static Queued of(TrialSpec t) {
            return of(t, null);
        }

        /** @param report the sweep's report settings, carried so the log alone rebuilds its report */
        public static Queued of(TrialSpec t, ReportPlan report) {
            return of(t, report, null);
        }

        /** @param proposal the adaptive strategy's proposal the trial carries out, or null for a planned trial */
        public static Queued of(TrialSpec t, ReportPlan report, Proposal proposal) {
            return new Queued(WireVersion.CURRENT, t.sweepId(), t.trialId(), t.attempt(), System.currentTimeMillis(),
                    t.kind(), t.configName(), t.settings(), t.seed(), t.fold(), t.members(), t.maxAttempts(), t.planId(),
                    report, proposal);
        }
    }

    /** A worker took the trial and began to train it. */
    record Started(int schemaVersion, String sweepId, String trialId, int attempt, long time, String worker,
            String device) implements TrialEvent {
        public Started {
            check(schemaVersion, sweepId, trialId, attempt);
        }
    }

    /** Training progress every few steps. */
    record Progress(int schemaVersion, String sweepId, String trialId, int attempt, long time, String worker,
            int epoch, int step, int totalSteps, double loss, double lr, double samplesPerSecond, double msPerStep)
            implements TrialEvent {
        public Progress {
            check(schemaVersion, sweepId, trialId, attempt);
        }
    }

    /** One evaluation on the validation split. */
    record Evaluated(int schemaVersion, String sweepId, String trialId, int attempt, long time, String worker,
            Integer fold, EvalPoint point) implements TrialEvent {
        public Evaluated {
            check(schemaVersion, sweepId, trialId, attempt);
            require(point != null, "evaluated event of trial " + trialId + ": point is required");
        }
    }

    /** The trial finished; its result holds the metrics and costs. */
    record Completed(int schemaVersion, String sweepId, String trialId, int attempt, long time, String worker,
            TrialResult result) implements TrialEvent {
        public Completed {
            check(schemaVersion, sweepId, trialId, attempt);
            require(result != null, "completed event of trial " + trialId + ": result is required");
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /**
     * The attempt failed.
     *
     * @param retryable whether another attempt may succeed (a lost worker, an engine crash) or
     *     not (a config the engine refuses: trying again gives the same error)
     */
    record Failed(int schemaVersion, String sweepId, String trialId, int attempt, long time, String worker,
            String error, boolean retryable) implements TrialEvent {
        public Failed {
            check(schemaVersion, sweepId, trialId, attempt);
            require(error != null && !error.isBlank(), "failed event of trial " + trialId + ": error is required");
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** The attempt stopped on a cancel request. */
    record Cancelled(int schemaVersion, String sweepId, String trialId, int attempt, long time, String worker)
            implements TrialEvent {
        public Cancelled {
            check(schemaVersion, sweepId, trialId, attempt);
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /**
     * The coordinator's pruner stopped the attempt on its intermediate results (a terminal state
     * of its own: not a failure, nothing to retry). Written first by the coordinator, as the
     * decision (worker {@code coordinator}); the worker that trained it, told on the control
     * topic, stops at its next step and writes one too, which changes nothing.
     *
     * @param reason why, in words: the rung, the values compared
     */
    record Pruned(int schemaVersion, String sweepId, String trialId, int attempt, long time, String worker,
            String reason) implements TrialEvent {
        public Pruned {
            check(schemaVersion, sweepId, trialId, attempt);
            require(reason != null && !reason.isBlank(), "pruned event of trial " + trialId + ": reason is required");
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }
}
