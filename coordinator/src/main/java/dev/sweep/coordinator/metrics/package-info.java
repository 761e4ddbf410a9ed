/** The coordinator's Prometheus metrics, derived from the sweep's state after each batch of events. */
package dev.sweep.coordinator.metrics;
