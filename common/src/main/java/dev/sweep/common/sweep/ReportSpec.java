package dev.sweep.common.sweep;

import static dev.sweep.common.trial.Checks.require;

/**
 * How the sweep's report compares its configurations ({@code report:} in a spec).
 *
 * @param reference the configuration every other is compared with; default {@code base} where
 *     the plan has one (every ablation; a grid over trick switches only). Grid and random sweeps
 *     name one of theirs, e.g. {@code base[lr=5e-05]}, or get a table without comparisons. The
 *     planner checks the name against the planned configurations.
 * @param select which evaluation of each trial the table uses: {@code last} (default) or {@code best}
 */
public record ReportSpec(String reference, Checkpoint select) {
    public ReportSpec {
        require(reference == null || !reference.isBlank(),
                "report.reference must name a configuration (e.g. base), or be left out, but got a blank name");
        select = select == null ? Checkpoint.LAST : select;
    }

    public static ReportSpec defaults() {
        return new ReportSpec(null, null);
    }
}
