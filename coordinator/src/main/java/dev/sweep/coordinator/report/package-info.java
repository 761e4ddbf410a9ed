/** Ablation tables built from a sweep's state: each configuration's metric over seeds, its gain over the baseline, its cost. */
package dev.sweep.coordinator.report;
