package dev.sweep.worker.data;

/**
 * One tokenised example.
 *
 * @param row 0-based row in its source file (out-of-fold predictions are keyed by it)
 * @param line the line of the source file it starts on, for messages
 * @param targets regression targets; empty for classification
 * @param label class index for classification; -1 for regression
 */
public record EncodedExample(int row, int line, long[] inputIds, long[] typeIds, float[] targets, int label) {
    public int length() {
        return inputIds.length;
    }
}
