/**
 * The coordinator: expands sweep specs into trials, publishes them to Kafka, folds the event
 * stream into sweep state, and serves reports and metrics. It never links DJL.
 */
package dev.sweep.coordinator;
