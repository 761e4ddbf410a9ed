package dev.sweep.worker.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Mask arithmetic shared by the poolings. */
final class Masks {
    private Masks() {}

    /** The mask as float [B, T, 1], ready to broadcast over the hidden size. */
    static NDArray expand(NDArray mask) {
        return mask.toType(DataType.FLOAT32, false).expandDims(-1);
    }

    /** {@code value} where the mask is 0, the states themselves elsewhere. */
    static NDArray fillPadding(NDArray states, NDArray floatMask, float value) {
        return states.mul(floatMask).add(floatMask.sub(1f).mul(-value));
    }
}
