package dev.sweep.coordinator.decide;

import dev.sweep.coordinator.report.stats.Power;
import dev.sweep.coordinator.report.stats.StudentT;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The boundaries of a {@link DecisionRule}, one per look n = minSeeds..maxSeeds, on the scale of
 * the paired t statistic.
 *
 * <p><b>Method.</b> A group-sequential design (Jennison and Turnbull 2000) with the
 * O'Brien-Fleming-type alpha-spending function of Lan and DeMets (1983) at information fraction
 * n / maxSeeds:
 * <ul>
 * <li>better/worse: the two-sided test of "difference = 0" at level alpha, spent over the looks;
 * <li>equivalent: two one-sided tests (Schuirmann 1987, "A comparison of the two one-sided tests
 * procedure and the power approach for assessing the equivalence of average bioavailability",
 * J. Pharmacokinet. Biopharm. 15(6), 657-680) of "difference &lt;= -minEffect" and "difference
 * &gt;= minEffect", each one-sided at level alpha with the same spending.
 * </ul>
 * The boundaries are computed on the normal scale ({@link GroupSequentialBounds}) and then
 * calibrated to the t scale by keeping each look's nominal significance level: the z boundary
 * c_k becomes the t quantile with n_k - 1 degrees of freedom at the same tail probability
 * (Jennison and Turnbull 2000, section 11.2, "the significance level approach"). The variance is
 * estimated from 3 to 10 pairs; with a normal critical value and a plug-in sd, the first looks
 * would reject far too often (a z of 3.6 is a t of 2 df at p = 0.07, not 3e-4): 0.19 instead of
 * 0.05 over 3..10 seeds. Calibrated, null paths cross 0.058 of the time (simulated, 100,000
 * paths): slightly liberal at these few degrees of freedom, within alpha + 0.01 (a smaller
 * stated alpha would keep 0.05 exactly; not measured).
 *
 * <p><b>Power.</b> No futility boundary is spent, so the power for a true difference of minEffect
 * is at least about that of the last look's t-test at its nominal level: the design has its
 * stated power when the pairs' noise sd is at most {@link #noiseForPower()}, which is
 * minEffect * sqrt(maxSeeds) / delta, delta the noncentrality at which that test reaches the
 * power. At 3 to 10 seeds, alpha 0.05 and power 0.8 this needs minEffect &gt;= about 1.08 sd.
 *
 * <p>Designs are computed once per rule and cached (the integration takes tens of milliseconds).
 */
public final class SequentialDesign {
    private static final Map<DecisionRule, SequentialDesign> CACHE = new ConcurrentHashMap<>();

    private final DecisionRule rule;
    private final double[] twoSidedNominal;
    private final double[] oneSidedNominal;
    private final double[] efficacy;
    private final double[] equivalence;
    private final double noiseForPower;

    private SequentialDesign(DecisionRule rule) {
        this.rule = rule;
        int looks = rule.looks();
        double[] fractions = new double[looks];
        for (int k = 0; k < looks; k++) {
            fractions[k] = (rule.minSeeds() + k) / (double) rule.maxSeeds();
        }
        double[] z2 = GroupSequentialBounds.of(fractions, rule.alpha(), true);
        double[] z1 = GroupSequentialBounds.of(fractions, rule.alpha(), false);
        twoSidedNominal = new double[looks];
        oneSidedNominal = new double[looks];
        efficacy = new double[looks];
        equivalence = new double[looks];
        for (int k = 0; k < looks; k++) {
            int df = rule.minSeeds() + k - 1;
            twoSidedNominal[k] = 2 * NormalQuantile.upperTail(z2[k]);
            oneSidedNominal[k] = NormalQuantile.upperTail(z1[k]);
            efficacy[k] = StudentT.quantile(1 - twoSidedNominal[k] / 2, df);
            equivalence[k] = StudentT.quantile(1 - oneSidedNominal[k], df);
        }
        // once: the noncentral t search is slow, and every out-of-seeds reason asks for it
        int n = rule.maxSeeds();
        double delta = Power.noncentralityFor(rule.power(), n - 1, twoSidedNominal[looks - 1]);
        noiseForPower = rule.minEffect() * Math.sqrt(n) / delta;
    }

    /** The design of {@code rule}, computed on first use. */
    public static SequentialDesign of(DecisionRule rule) {
        return CACHE.computeIfAbsent(rule, SequentialDesign::new);
    }

    public DecisionRule rule() {
        return rule;
    }

    /** |t| at or beyond this at {@code seeds} pairs decides better or worse. */
    public double efficacyBound(int seeds) {
        return efficacy[look(seeds)];
    }

    /** Each one-sided equivalence test rejects at {@code seeds} pairs when its t is at or beyond this. */
    public double equivalenceBound(int seeds) {
        return equivalence[look(seeds)];
    }

    /** The two-sided nominal level of the better/worse test at {@code seeds} pairs. */
    public double efficacyLevel(int seeds) {
        return twoSidedNominal[look(seeds)];
    }

    /** The one-sided nominal level of each equivalence test at {@code seeds} pairs. */
    public double equivalenceLevel(int seeds) {
        return oneSidedNominal[look(seeds)];
    }

    /**
     * The largest noise (sd of the paired differences) at which the design still has its power
     * for a true difference of minEffect by maxSeeds: that of the last look's paired t-test at its
     * nominal two-sided level (exact, noncentral t). Above it, the rule runs out of seeds more often.
     */
    public double noiseForPower() {
        return noiseForPower;
    }

    /** The t boundaries of all looks, for the record (first look first). */
    public List<Double> efficacyBounds() {
        return java.util.Arrays.stream(efficacy).boxed().toList();
    }

    public List<Double> equivalenceBounds() {
        return java.util.Arrays.stream(equivalence).boxed().toList();
    }

    private int look(int seeds) {
        dev.sweep.common.trial.Checks.require(seeds >= rule.minSeeds() && seeds <= rule.maxSeeds(),
                "looks are at " + rule.minSeeds() + " to " + rule.maxSeeds() + " seeds, but got " + seeds);
        return seeds - rule.minSeeds();
    }
}
