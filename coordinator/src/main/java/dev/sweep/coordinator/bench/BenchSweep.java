package dev.sweep.coordinator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's sweep spec, as YAML a user could have written: a grid of ten learning rates,
 * each with {@code trials / 10} seeds, and {@code budget.max_trials} raised to the plan's size
 * (the default guard of 500 would refuse it), and no FMA averages, so the sweep is exactly
 * {@code trials} trials of equal length; optionally a pruner, to measure what judging every
 * evaluation costs the coordinator. Its data file is never read: nothing trains.
 */
final class BenchSweep {
    static final int CONFIGURATIONS = 10;

    private BenchSweep() {}

    /** @throws IllegalArgumentException unless {@code trials} is a positive multiple of ten */
    static String yaml(String name, int trials) {
        return yaml(name, trials, null);
    }

    /**
     * As {@link #yaml(String, int)}, with the spec's pruner ({@code asha}: min_resource 1,
     * reduction_factor 3; {@code median}: Optuna's defaults), or none when null.
     *
     * @throws IllegalArgumentException for another pruner
     */
    static String yaml(String name, int trials, String prune) {
        String pruner = prune == null ? null : switch (prune) {
            case "asha" -> "prune: {method: asha, min_resource: 1, reduction_factor: 3}";
            case "median" -> "prune: {method: median}";
            default -> throw new IllegalArgumentException("--prune must be asha or median, but got " + prune);
        };
        if (trials < CONFIGURATIONS || trials % CONFIGURATIONS != 0) {
            throw new IllegalArgumentException("--trials must be a positive multiple of " + CONFIGURATIONS
                    + " (a grid of " + CONFIGURATIONS + " learning rates times seeds), but got " + trials);
        }
        List<String> lrs = new ArrayList<>();
        for (int i = 0; i < CONFIGURATIONS; i++) {
            lrs.add(String.format(Locale.ROOT, "%.1e", 1e-5 * Math.pow(10, 2.0 * i / (CONFIGURATIONS - 1))));
        }
        List<String> seeds = new ArrayList<>();
        for (int s = 1; s <= trials / CONFIGURATIONS; s++) {
            seeds.add(String.valueOf(s));
        }
        return String.join("\n",
                "name: " + name,
                "task:",
                "  type: classification",
                "  train: never-read.csv",
                "  text: [text]",
                "  targets: [label]",
                "model:",
                "  source: embedded",
                "training:",
                "  epochs: 1",
                "  lr: 2.0e-5",
                "strategy: grid",
                "fma: false",
                "space:",
                "  training.lr: [" + String.join(", ", lrs) + "]",
                "seeds: [" + String.join(", ", seeds) + "]",
                "budget: {max_trials: " + trials + "}",
                pruner == null ? "" : pruner,
                "output: runs/" + name,
                "");
    }
}
