package dev.sweep.coordinator.report.stats;

/**
 * What a comparison decides at family-wise level alpha: better, worse, not distinguishable, or
 * no test at all. "Not distinguishable" is not "equal": it says this many seeds could not tell.
 */
public enum Verdict {
    BETTER("better"),
    WORSE("worse"),
    NOT_DISTINGUISHABLE("undecided"),
    NO_TEST("no test");

    private final String compact;

    Verdict(String compact) {
        this.compact = compact;
    }

    /** One word for the terminal table. */
    public String compact() {
        return compact;
    }

    /**
     * @param noTest why there is no test, or null
     * @param holmP the p-value adjusted within its family (a family of one: the raw p)
     * @param improvement the mean difference, positive when better
     */
    public static Verdict decide(String noTest, double holmP, double improvement, double alpha) {
        if (noTest != null || Double.isNaN(holmP)) {
            return NO_TEST;
        }
        if (holmP < alpha) {
            return improvement > 0 ? BETTER : WORSE;
        }
        return NOT_DISTINGUISHABLE;
    }
}
