package dev.sweep.coordinator.report;

import static dev.sweep.common.trial.Checks.require;

import java.util.List;

/**
 * What a full two-level factorial over tricks shows: each trick's main effect and each pair's
 * interaction, from the linear model y = b0 + sum b_i x_i + sum_{i<j} b_ij x_i x_j fitted by
 * least squares over every trial, each switch coded x = -1 (off) or +1 (on). Every figure is
 * signed so that + = better in the metric's own direction, as the rest of the report.
 *
 * @param tricks the switches, in name order
 * @param trials the observations (each trial one, at the report's evaluation)
 * @param cells the combinations of the switches, 2^k, each with at least two seeds
 * @param df the residual degrees of freedom, trials minus the model's coefficients
 * @param residualSd the residual standard deviation, in the metric's units
 * @param mainEffects per trick: switching it on, averaged over the other tricks' settings (2 b_i)
 * @param pairs per pair of tricks: its interaction
 * @param findings a sentence per pair that interacts distinguishably, or one saying none does
 */
public record Interactions(List<String> tricks, int trials, int cells, int df, double residualSd,
        List<Effect> mainEffects, List<Pair> pairs, List<String> findings) {
    public Interactions {
        require(tricks.size() >= 2, "interactions need at least two tricks, but got " + tricks);
        require(cells == 1 << tricks.size(), "a full factorial over " + tricks.size() + " tricks has "
                + (1 << tricks.size()) + " cells, but got " + cells);
        require(mainEffects.size() == tricks.size(), "one main effect per trick: " + tricks.size() + " tricks, "
                + mainEffects.size() + " effects");
        require(pairs.size() == tricks.size() * (tricks.size() - 1) / 2, "one interaction per pair of tricks, but got "
                + pairs.size() + " for " + tricks.size() + " tricks");
        tricks = List.copyOf(tricks);
        mainEffects = List.copyOf(mainEffects);
        pairs = List.copyOf(pairs);
        findings = List.copyOf(findings);
    }

    /**
     * An effect of switching: twice the coefficient (from -1 to +1), + = better.
     *
     * @param low the 95% t interval's lower end, df = {@link Interactions#df()}
     * @param se the effect's standard error (twice the coefficient's)
     * @param t the coefficient's t, signed as the effect
     * @param p two-sided, raw
     * @param holmP adjusted by Holm's method over the model's effects (main and interactions)
     */
    public record Effect(String name, double effect, double low, double high, double se, double t, double p,
            double holmP) {
        public Effect {
            require(Double.isNaN(low) || low <= high, name + ": an interval's low end must not exceed its high end, "
                    + "but got [" + low + ", " + high + "]");
        }

        boolean distinguishable() {
            return holmP < 0.05;
        }
    }

    /**
     * Two tricks' interaction.
     *
     * @param effect the interaction effect as designed experiments give it (Box, Hunter and Hunter):
     *     2 b_ij, half the difference between one trick's gain with the other on and with it off
     * @param together how much the pair on together does beyond the sum of its two separate gains,
     *     (y_11 - y_00) - (y_10 - y_00) - (y_01 - y_00) = 4 b_ij, with {@code togetherLow} and
     *     {@code togetherHigh} its 95% interval: the same test as {@code effect}, twice the scale
     */
    public record Pair(String first, String second, Effect effect, double together, double togetherLow,
            double togetherHigh) {}
}
