package dev.sweep.worker.data;

import ai.djl.ndarray.NDArray;

/**
 * A batch on the engine, padded to its longest member.
 *
 * @param inputIds int64 [B, T]
 * @param attentionMask int64 [B, T], 1 for tokens and 0 for padding
 * @param tokenTypeIds int64 [B, T]
 * @param targets float [B, K] for regression, int64 [B] for classification
 * @param rows each example's row in its source file
 */
public record Batch(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds, NDArray targets, int[] rows) {
    public int size() {
        return rows.length;
    }
}
