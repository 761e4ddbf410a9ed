package dev.sweep.worker.train;

/**
 * Predictions for a split, in the split's order.
 *
 * @param rows each example's 0-based row in its source file
 * @param values one row of predictions per example: scores, or logits for classification
 */
public record Predictions(int[] rows, float[][] values) {}
