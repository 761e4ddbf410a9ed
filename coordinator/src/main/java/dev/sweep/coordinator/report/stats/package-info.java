/**
 * The statistics of the ablation report, as pure functions of numbers: Student's and the
 * noncentral t distribution, the paired, corrected resampled and one-sample t-tests, Holm's
 * step-down correction, power and sample size, and the verdict a comparison comes to. Nothing
 * here knows of trials or sweeps; every value is checked against SciPy in the tests.
 */
package dev.sweep.coordinator.report.stats;
