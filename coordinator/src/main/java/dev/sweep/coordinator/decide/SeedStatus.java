package dev.sweep.coordinator.decide;

/**
 * Where one configuration of a seeds-until-decided sweep stands.
 *
 * @param configuration its name
 * @param seedsRun seeds given to it so far (finished or not)
 * @param pairs completed seeds matched with the reference's same seed
 * @param waiting whether some of its seeds, or the reference's matching ones, are still training
 * @param decision what the pairs decide; {@link Decision#OUT_OF_SEEDS} also when the maximum
 *     seeds ran but failures left fewer pairs than that
 */
public record SeedStatus(String configuration, int seedsRun, int pairs, boolean waiting, SeedDecision decision) {
    /** Whether it has stopped for good: decided, or out of seeds. */
    public boolean stopped() {
        return !waiting && decision.decision().isFinal();
    }

    /** Its reason for stopping, or what it waits for, in words. */
    public String reason() {
        if (waiting && !decision.decision().isFinal()) {
            return "running seed " + seedsRun + " (" + pairs + " pairs so far)";
        }
        return decision.why();
    }
}
