/**
 * The worker as a Kafka service: takes one trial at a time from the workers' group, trains it
 * with the engine on a thread of its own while the consumer keeps polling, streams events back,
 * and commits the trial only after its terminal event is on the broker.
 */
package dev.sweep.worker.service;
