/** Metric names (Prometheus naming) and the /metrics endpoint both processes serve. */
package dev.sweep.common.metrics;
