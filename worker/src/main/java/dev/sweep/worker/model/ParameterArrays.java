package dev.sweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The arrays a forward pass computes with: each parameter's own array, or, while mixed precision
 * runs a pass, a half-precision stand-in for it. Parameters keep their fp32 arrays throughout, so
 * optimizers, weight averages and checkpoints never see a stand-in.
 */
public final class ParameterArrays {
    /** The largest finite half-precision value. */
    private static final float HALF_MAX = 65504f;

    private Map<Parameter, NDArray> standIns = Map.of();
    private DataType computeType = DataType.FLOAT32;

    /** The array a forward pass uses for {@code p} now. */
    public NDArray of(Parameter p) {
        NDArray standIn = standIns.get(p);
        return standIn != null ? standIn : p.getArray();
    }

    /** Computes with these stand-ins (all of one floating type) until {@link #restore}. */
    public void substitute(Map<Parameter, NDArray> replacements, DataType type) {
        Map<Parameter, NDArray> copy = new IdentityHashMap<>(replacements);
        for (Map.Entry<Parameter, NDArray> e : copy.entrySet()) {
            if (e.getValue().getDataType() != type || !e.getValue().getShape().equals(e.getKey().getArray().getShape())) {
                throw new IllegalArgumentException("a stand-in for " + e.getKey().getName() + " must be " + type + " "
                        + e.getKey().getArray().getShape() + ", but is " + e.getValue().getDataType() + " "
                        + e.getValue().getShape());
            }
        }
        standIns = copy;
        computeType = type;
    }

    public void restore() {
        standIns = Map.of();
        computeType = DataType.FLOAT32;
    }

    /**
     * {@code value} clamped to what {@code type} holds finitely: a masking constant such as -1e9
     * would be -inf in half precision, and 0 * inf is NaN.
     */
    public static float withinRange(float value, DataType type) {
        return type == DataType.FLOAT16 ? Math.max(-HALF_MAX, Math.min(HALF_MAX, value)) : value;
    }

    /** The floating type activations have now: float32, or the stand-ins' type. */
    public DataType computeType() {
        return computeType;
    }
}
