/**
 * The wire protocol between coordinator and workers: topic names, the trial a worker trains
 * ({@link dev.sweep.common.wire.TrialSpec}), the events it streams back
 * ({@link dev.sweep.common.wire.TrialEvent}), control messages, and the versioned JSON codec.
 * No Kafka client here: both sides wrap these in their own producers and consumers.
 */
package dev.sweep.common.wire;
