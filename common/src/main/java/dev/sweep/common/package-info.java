/**
 * The shared vocabulary of the sweep system: trial configs, specs, events and their codec.
 * Holds no Kafka client and no DJL, so both the coordinator and the worker can depend on it.
 */
package dev.sweep.common;
