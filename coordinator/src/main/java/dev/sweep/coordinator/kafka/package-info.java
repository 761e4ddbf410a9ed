/**
 * The coordinator's Kafka side: the embedded broker and local multi-node clusters, topic setup with
 * the replication a cluster can keep (and the refusal of one that cannot), the trial publisher and
 * the event reader.
 */
package dev.sweep.coordinator.kafka;
