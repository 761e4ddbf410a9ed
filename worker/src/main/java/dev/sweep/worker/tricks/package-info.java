/**
 * The fine-tuning tricks, each a plug-in of the training loop that implements only the extension
 * points it changes ({@link dev.sweep.worker.train.TrainingExtension}), made from a trial's
 * {@code tricks:} section by {@link dev.sweep.worker.tricks.Tricks} through the tricks' one
 * declaration ({@link dev.sweep.common.trick.TrickRegistry}); and fine-tuned model averaging, the
 * trial kind that evaluates the mean of saved models. The training loop knows none of them by name.
 */
package dev.sweep.worker.tricks;
