/**
 * The sweep's state as a pure fold over its event log: replaying the log from the start rebuilds
 * it exactly, which is how a restarted coordinator picks a sweep up again.
 */
package dev.sweep.coordinator.state;
