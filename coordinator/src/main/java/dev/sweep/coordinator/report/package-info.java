/**
 * Ablation tables built from a sweep's state: each configuration's metric over seeds, its gain
 * over the baseline, its cost; and, where the sweep has them, its pruned trials, why each
 * configuration of a seeds-until-decided sweep stopped, the trick interactions of a full
 * factorial, and which configurations are worth their cost (the Pareto fronts).
 */
package dev.sweep.coordinator.report;
