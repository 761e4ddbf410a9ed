package dev.sweep.worker.head;

import ai.djl.ndarray.NDArray;
import dev.sweep.worker.model.ParameterArrays;
import dev.sweep.worker.tensor.Scalars;

/** Mask arithmetic shared by the poolings. */
final class Masks {
    private Masks() {}

    /** The mask as [B, T, 1] in the floating type of {@code like}, ready to broadcast over the hidden size. */
    static NDArray expand(NDArray mask, NDArray like) {
        return mask.toType(like.getDataType(), false).expandDims(-1);
    }

    /** {@code value} (clamped to the states' type) where the mask is 0, the states themselves elsewhere. */
    static NDArray fillPadding(NDArray states, NDArray floatMask, float value) {
        float fill = ParameterArrays.withinRange(value, states.getDataType());
        return states.mul(floatMask).add(Scalars.times(floatMask.sub(1f), -fill));
    }
}
