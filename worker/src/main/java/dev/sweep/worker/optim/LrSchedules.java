package dev.sweep.worker.optim;

/** The schedules of Hugging Face's {@code transformers.optimization}, each after a linear warm-up. */
public final class LrSchedules {
    private LrSchedules() {}

    /**
     * @param name linear, cosine or constant
     * @param warmupSteps steps of linear warm-up from 0
     * @param totalSteps steps in the whole run
     * @param numCycles cosine waves over the decay phase (0.5: one half-wave down to 0)
     */
    public static LrSchedule create(String name, int warmupSteps, int totalSteps, double numCycles) {
        if (warmupSteps < 0 || totalSteps <= 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("schedule needs 0 <= warmup_steps <= total_steps and total_steps > 0, but got "
                    + "warmup_steps=" + warmupSteps + ", total_steps=" + totalSteps);
        }
        return switch (name) {
            case "constant" -> step -> step < warmupSteps ? (double) step / Math.max(1, warmupSteps) : 1.0;
            case "linear" -> step -> step < warmupSteps ? (double) step / Math.max(1, warmupSteps)
                    : Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
            case "cosine" -> step -> {
                if (step < warmupSteps) {
                    return (double) step / Math.max(1, warmupSteps);
                }
                double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
                return Math.max(0.0, 0.5 * (1 + Math.cos(Math.PI * numCycles * 2 * progress)));
            };
            default -> throw new IllegalArgumentException(
                    "training.scheduler must be one of constant, cosine, linear, but got '" + name + "'");
        };
    }
}
