/**
 * The fine-tuning tricks, each a {@link dev.sweep.worker.train.TrainingHook} with one job, made
 * from a trial's {@code tricks:} section by {@link dev.sweep.worker.tricks.Tricks}. The training
 * loop knows none of them by name.
 */
package dev.sweep.worker.tricks;
