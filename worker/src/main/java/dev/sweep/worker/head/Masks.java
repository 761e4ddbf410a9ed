package dev.sweep.worker.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Mask arithmetic shared by the poolings. */
final class Masks {
    private Masks() {}

    /** The mask as [B, T, 1] in the floating type of {@code like}, ready to broadcast over the hidden size. */
    static NDArray expand(NDArray mask, NDArray like) {
        return mask.toType(like.getDataType(), false).expandDims(-1);
    }

    /**
     * {@code value} where the mask is 0, the states themselves elsewhere; in half precision the
     * value is clamped to the type's finite range (-1e9 would be -inf, and 0 * inf is NaN).
     */
    static NDArray fillPadding(NDArray states, NDArray floatMask, float value) {
        float fill = states.getDataType() == DataType.FLOAT16 ? Math.max(-65504f, Math.min(65504f, value)) : value;
        return states.mul(floatMask).add(floatMask.sub(1f).mul(-fill));
    }
}
