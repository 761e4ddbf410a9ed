package dev.sweep.common.sweep;

import static dev.sweep.common.trial.Checks.require;

/**
 * How "seeds until decided" decides ({@code decide:} in a spec, with {@code seeds: {min, max}}):
 * each configuration's paired differences from the reference are looked at after every seed from
 * the minimum on, by a group-sequential design that keeps the error rates below.
 *
 * @param minEffect the smallest difference in the primary metric that matters (&gt; 0, in the
 *     metric's units); within plus or minus this a configuration is equivalent to the reference
 * @param alpha the false-positive rate kept per configuration (default 0.05)
 * @param power the power wanted against a true difference of min_effect by seeds.max (default 0.8)
 */
public record DecideSpec(Double minEffect, Double alpha, Double power) {
    public DecideSpec {
        require(minEffect != null && minEffect > 0 && Double.isFinite(minEffect),
                "decide.min_effect must be a difference > 0 in the primary metric's units (e.g. 0.005), but got "
                        + minEffect);
        alpha = alpha == null ? 0.05 : alpha;
        power = power == null ? 0.8 : power;
        require(alpha > 0 && alpha < 0.5, "decide.alpha must lie in (0, 0.5), but got " + alpha);
        require(power > alpha && power < 1, "decide.power must lie in (alpha, 1), but got " + power);
    }
}
