package dev.sweep.worker.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/** In-place copies between arrays of one shape: bit-exact, and outside any autograd graph. */
final class Weights {
    private static final NDIndex ALL = new NDIndex(":");

    private Weights() {}

    /**
     * Hands an array to a short-lived scope. Results of ops on parameters belong to the model's
     * manager and would pile up there; scoping them frees them with the step.
     */
    static NDArray scoped(NDArray a, ai.djl.ndarray.NDManager scope) {
        a.attach(scope);
        return a;
    }

    /**
     * Writes host values into {@code target} by copy. {@code NDArray.set(float[])} would instead
     * point the tensor at a Java direct buffer, memory libtorch does not own.
     */
    static void copyInto(NDArray target, float[] values) {
        try (NDArray staged = target.getManager().create(values, target.getShape())) {
            target.set(ALL, staged);
        }
    }

    /** Writes {@code source}'s values into {@code target}. */
    static void copyInto(NDArray target, NDArray source) {
        target.set(ALL, source);
    }
}
