/**
 * Task heads: the pooling that turns token states into one vector (cls, mean, max, min,
 * attention, gem, weighted_layer) and the linear projection to the task's outputs.
 */
package dev.sweep.worker.head;
