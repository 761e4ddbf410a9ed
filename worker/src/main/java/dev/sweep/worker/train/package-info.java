/**
 * The training loop and what it is made of: the model (encoder plus head), the hooks through
 * which tricks plug into the loop, progress listeners, and the assembly of one trial from its
 * config into a {@link dev.sweep.common.trial.TrialResult}. No Kafka here: the engine runs alone
 * ({@code ./sweep train}) or inside the worker service.
 */
package dev.sweep.worker.train;
