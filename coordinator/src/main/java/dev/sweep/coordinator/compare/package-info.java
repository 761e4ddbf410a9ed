/**
 * {@code ./sweep compare}: several sweeps' ablation tables side by side, one row per configuration
 * and a column block per sweep (its gain over its own reference in its own metric's direction,
 * what its decision rule made of it, its seeds), then per configuration how many of the tasks
 * decided it better, worse, equivalent or not at all. Reads each sweep's report (from the log, or
 * a report's {@code ablation.json}) and nothing else.
 */
package dev.sweep.coordinator.compare;
