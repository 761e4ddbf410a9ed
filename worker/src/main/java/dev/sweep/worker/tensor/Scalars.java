package dev.sweep.worker.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic of a tensor with a number, with the number in a 0-dimensional tensor that libtorch
 * allocates ({@code torch::full}) in the operand's type and on its device. Autograd holds its own
 * reference to that tensor, so closing the Java handle right after the op is safe, unlike DJL's
 * {@code mul(Number)} family (see the package documentation). Costs one small native allocation
 * per call; results land in the operand's manager, as DJL's own ops do.
 */
public final class Scalars {
    private Scalars() {}

    /** {@code x * value}. */
    public static NDArray times(NDArray x, double value) {
        try (NDArray c = constant(x, value)) {
            return x.mul(c);
        }
    }

    /** {@code x / value}. */
    public static NDArray dividedBy(NDArray x, double value) {
        try (NDArray c = constant(x, value)) {
            return x.div(c);
        }
    }

    /** {@code x ^ exponent}, elementwise. */
    public static NDArray power(NDArray x, double exponent) {
        try (NDArray c = constant(x, exponent)) {
            return x.pow(c);
        }
    }

    /** {@code max(x, floor)}, elementwise. */
    public static NDArray atLeast(NDArray x, double floor) {
        try (NDArray c = constant(x, floor)) {
            return x.maximum(c);
        }
    }

    /** {@code min(x, ceiling)}, elementwise. */
    public static NDArray atMost(NDArray x, double ceiling) {
        try (NDArray c = constant(x, ceiling)) {
            return x.minimum(c);
        }
    }

    /** {@code x *= value} in place, for arrays outside any graph (gradients, optimizer state). */
    public static NDArray timesInPlace(NDArray x, double value) {
        try (NDArray c = constant(x, value)) {
            return x.muli(c);
        }
    }

    /**
     * A 0-dimensional tensor holding {@code value} in {@code like}'s type, in {@code like}'s
     * manager (so on its device), in memory libtorch owns. The caller closes it.
     */
    public static NDArray constant(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
