package dev.sweep.coordinator.plan;

import java.util.Map;

/**
 * One configuration of a sweep: a recipe that runs once per seed (and fold).
 *
 * @param name short canonical name: {@code base}, {@code fgm}, {@code fgm+llrd}, or with
 *     hyperparameters {@code fgm[lr=5e-05]}
 * @param settings every trick of the sweep as on/off and every axis's value, for labels and tables
 * @param config the resolved trial config, before seed, fold and output are set
 */
public record Configuration(String name, Map<String, String> settings, dev.sweep.common.trial.TrialConfig config) {
    public Configuration {
        settings = Map.copyOf(settings);
    }

    public boolean isBaseline() {
        return name.equals(SweepPlanner.BASELINE);
    }
}
