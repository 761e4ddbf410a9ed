package dev.sweep.coordinator.compare;

/** What one sweep made of one configuration against its reference. */
public enum Outcome {
    BETTER("better"),
    WORSE("worse"),
    EQUIVALENT("equivalent"),
    UNDECIDED("undecided"),
    /** the sweep's reference itself */
    REFERENCE("reference"),
    /** compared with no test (one averaged model each, no pairs) */
    NO_TEST("no test");

    private final String word;

    Outcome(String word) {
        this.word = word;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String word() {
        return word;
    }

    /** Whether the configuration was compared and the comparison decided something or nothing: counted in the summary. */
    boolean counted() {
        return this != REFERENCE && this != NO_TEST;
    }
}
