package dev.sweep.common.sweep;

import static dev.sweep.common.trial.Checks.require;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Early stopping ({@code prune:} in a spec): after each evaluation of a running trial, a pruner
 * compares its primary metric with the other trials' at the same evaluation and may stop it. The
 * resource is the evaluation's number (1, 2, ...): the rungs sit at evaluation points.
 *
 * @param method {@code asha} (asynchronous successive halving) or {@code median} (median stopping)
 * @param minResource asha: evaluations before the first rung (default 1)
 * @param reductionFactor asha: one in this many trials is promoted at each rung (default 3)
 * @param minEarlyStoppingRate asha: rungs skipped at the bottom (default 0)
 * @param startupTrials median: trials that must have finished before any is stopped (default 5)
 * @param warmupEvaluations median: evaluations a trial makes before it can be stopped (default 0)
 */
public record PruneSpec(Method method, Integer minResource, Integer reductionFactor, Integer minEarlyStoppingRate,
        Integer startupTrials, Integer warmupEvaluations) {
    public enum Method {
        ASHA,
        MEDIAN;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PruneSpec {
        require(method != null, "prune.method is required: asha or median");
        boolean asha = method == Method.ASHA;
        require(asha || (minResource == null && reductionFactor == null && minEarlyStoppingRate == null),
                "prune: min_resource, reduction_factor and min_early_stopping_rate belong to method asha");
        require(!asha || (startupTrials == null && warmupEvaluations == null),
                "prune: startup_trials and warmup_evaluations belong to method median");
        minResource = minResource == null ? 1 : minResource;
        reductionFactor = reductionFactor == null ? 3 : reductionFactor;
        minEarlyStoppingRate = minEarlyStoppingRate == null ? 0 : minEarlyStoppingRate;
        startupTrials = startupTrials == null ? 5 : startupTrials;
        warmupEvaluations = warmupEvaluations == null ? 0 : warmupEvaluations;
        require(minResource >= 1, "prune.min_resource must be >= 1 (evaluations), but got " + minResource);
        require(reductionFactor >= 2, "prune.reduction_factor must be >= 2, but got " + reductionFactor);
        require(minEarlyStoppingRate >= 0, "prune.min_early_stopping_rate must be >= 0, but got " + minEarlyStoppingRate);
        require(startupTrials >= 0, "prune.startup_trials must be >= 0, but got " + startupTrials);
        require(warmupEvaluations >= 0, "prune.warmup_evaluations must be >= 0, but got " + warmupEvaluations);
    }
}
