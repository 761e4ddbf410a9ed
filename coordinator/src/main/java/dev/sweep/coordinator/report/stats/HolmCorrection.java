package dev.sweep.coordinator.report.stats;

import static dev.sweep.common.trial.Checks.require;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's (1979) step-down correction: with the m p-values sorted, p_(1) <= ... <= p_(m), the
 * adjusted p_(i) is max over j <= i of min(1, (m - j + 1) p_(j)). Rejecting where the adjusted
 * p < alpha keeps the chance of any false rejection in the family at most alpha, whatever the
 * dependence between the tests, and rejects at least what Bonferroni does.
 */
public final class HolmCorrection {
    private HolmCorrection() {}

    /** The adjusted p-values, in the order given. */
    public static double[] adjust(double[] p) {
        for (double v : p) {
            require(v >= 0 && v <= 1, "a p-value must lie in [0, 1], but got " + v);
        }
        int m = p.length;
        Integer[] order = new Integer[m];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i])); // monotone: never below a smaller p's
            adjusted[i] = running;
        }
        return adjusted;
    }
}
