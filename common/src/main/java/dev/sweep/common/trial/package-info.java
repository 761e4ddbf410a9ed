/**
 * A trial's fully resolved configuration: the task and its data, the model, the training
 * settings and the tricks switched on. Records validate themselves when made, so a config
 * that exists is a config the engine can run.
 */
package dev.sweep.common.trial;
