/**
 * Optimisation: AdamW with per-parameter learning rates and weight decay, learning-rate
 * schedules with warm-up in Hugging Face's formulas, and clipping by global gradient norm.
 */
package dev.sweep.worker.optim;
