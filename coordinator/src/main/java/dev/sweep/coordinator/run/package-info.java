/** Drives one sweep: publishes its trials, folds the event log into state, retries, averages, and knows when it is done. */
package dev.sweep.coordinator.run;
