package dev.sweep.coordinator.report.stats;

/**
 * The paired t-test of a configuration against its reference over matched seeds: with d_i the
 * improvement of pair i, t = mean(d) / (sd(d) / sqrt(n)), two-sided p from Student's t with
 * n - 1 degrees of freedom. For seeds on one fixed validation split, where each seed's pair is
 * an independent replicate of training noise.
 */
public final class PairedTTest {
    public static final String METHOD = "paired t-test";

    private PairedTTest() {}

    /**
     * @param improvements per matched pair, positive = better
     * @param scale the largest magnitude among the paired values, for telling round-off from spread
     */
    public static Comparison of(String against, double[] improvements, double scale) {
        return TStatistic.of(METHOD, "pair", improvements.length, improvements, 1.0 / improvements.length, scale, true,
                null).against(against);
    }
}
