package dev.sweep.common.wire;

import static dev.sweep.common.trial.Checks.require;

import dev.sweep.common.trial.TrialConfig;
import java.util.List;
import java.util.Map;

/**
 * A trial as published to {@link Topics#TRIALS}: which sweep, which configuration, which seed and
 * fold, and the fully resolved config the worker trains.
 *
 * @param configName the configuration's short canonical name, e.g. {@code base} or {@code fgm+llrd}
 * @param settings the configuration's trick and hyperparameter settings, flattened to
 *     {@code name -> value} (e.g. {@code fgm -> on}, {@code training.lr -> 5e-05}); bounded, for labels
 * @param fold the cross-validation fold, or null when the task uses a validation file or fraction
 * @param members for {@link TrialKind#AVERAGE}: the trial ids whose weights are averaged
 * @param maxAttempts how many times the trial may be tried before it goes to {@link Topics#DEAD}
 * @param planId identifies the plan (the resolved spec) the trial belongs to; a sweep name has one plan
 */
public record TrialSpec(
        int schemaVersion,
        String sweepId,
        String trialId,
        int attempt,
        TrialKind kind,
        String configName,
        Map<String, String> settings,
        long seed,
        Integer fold,
        List<String> members,
        int maxAttempts,
        TrialConfig config,
        String planId) {
    public TrialSpec {
        WireVersion.check(schemaVersion, "trial " + trialId);
        require(sweepId != null && !sweepId.isBlank(), "trial: sweep_id is required");
        require(trialId != null && !trialId.isBlank(), "trial: trial_id is required");
        require(attempt >= 1, "trial " + trialId + ": attempt must be >= 1, but got " + attempt);
        require(kind != null, "trial " + trialId + ": kind is required");
        require(configName != null && !configName.isBlank(), "trial " + trialId + ": config_name is required");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        members = members == null ? List.of() : List.copyOf(members);
        require(kind != TrialKind.AVERAGE || members.size() >= 2,
                "trial " + trialId + ": an average needs at least 2 members, but got " + members.size());
        require(maxAttempts >= 1, "trial " + trialId + ": max_attempts must be >= 1, but got " + maxAttempts);
        require(config != null, "trial " + trialId + ": config is required");
        require((kind == TrialKind.AVERAGE) == config.averages(), "trial " + trialId + ": a trial of kind "
                + kind.wireName() + (config.averages() ? " cannot carry config.average" : " needs config.average (its members' models)"));
        planId = planId == null ? "" : planId;
    }

    public TrialSpec withPlanId(String id) {
        return new TrialSpec(schemaVersion, sweepId, trialId, attempt, kind, configName, settings, seed, fold, members,
                maxAttempts, config, id);
    }

    /** The same trial, to be tried once more. */
    public TrialSpec nextAttempt() {
        return new TrialSpec(schemaVersion, sweepId, trialId, attempt + 1, kind, configName, settings, seed, fold,
                members, maxAttempts, config, planId);
    }
}
