/**
 * The coordinator benchmark harness ({@code ./sweep bench coordinator}): the real embedded broker
 * and the real coordinator loop driving a large planned sweep, served by simulated workers that
 * speak the wire protocol but train nothing. Measures scheduling overhead against the ideal
 * schedule, event ingestion, dispatch latency, heap growth and a restart's replay.
 */
package dev.sweep.coordinator.bench;
