/** Expands a sweep spec into trials: configurations by strategy, times folds and seeds, with stable ids. */
package dev.sweep.coordinator.plan;
