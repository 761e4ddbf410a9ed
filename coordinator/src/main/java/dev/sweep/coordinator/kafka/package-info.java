/** The coordinator's Kafka side: the embedded broker, topic setup, the trial publisher and the event reader. */
package dev.sweep.coordinator.kafka;
