package dev.sweep.coordinator.decide;

import java.util.List;

/**
 * Where one configuration of a seeds-until-decided sweep stands.
 *
 * @param configuration its name
 * @param seedsRun seeds given to it so far (finished or not)
 * @param pairs completed seeds matched with the reference's same seed
 * @param waitingFor the unfinished trials its pairs wait for, its own and the reference's matching
 *     seeds, in words ({@code seed 4 training}, {@code base seed 4 queued}); empty when none
 * @param decision what the pairs decide; {@link Decision#OUT_OF_SEEDS} also when the maximum
 *     seeds ran but failures left fewer pairs than that
 */
public record SeedStatus(String configuration, int seedsRun, int pairs, List<String> waitingFor,
        SeedDecision decision) {
    public SeedStatus {
        waitingFor = List.copyOf(waitingFor);
    }

    /** Whether some of its seeds, or the reference's matching ones, have not finished. */
    public boolean waiting() {
        return !waitingFor.isEmpty();
    }

    /** Whether it has stopped for good: decided, or out of seeds. */
    public boolean stopped() {
        return !waiting() && decision.decision().isFinal();
    }

    /** Its reason for stopping, or what it waits for, in words. */
    public String reason() {
        if (waiting() && !decision.decision().isFinal()) {
            return "waiting for " + String.join(", ", waitingFor) + " (" + pairs + " pairs so far)";
        }
        return decision.why();
    }
}
