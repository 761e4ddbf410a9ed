package dev.sweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * Makes trainable DJL parameters from arrays. The engine's own {@code Parameter.initialize}
 * insists on shapes known at build time and on its initializer classes; building the array
 * first keeps Hugging Face's initialisation in plain sight.
 */
public final class Parameters {
    private Parameters() {}

    public static Parameter trainable(String name, Parameter.Type type, NDArray array) {
        Parameter p = Parameter.builder().setName(name).setType(type).build();
        p.setArray(array);
        array.setRequiresGradient(true);
        return p;
    }

    /** A weight drawn from N(0, 0.02), as Hugging Face initialises linear layers. */
    public static Parameter normal(NDManager manager, String name, long... shape) {
        return trainable(name, Parameter.Type.WEIGHT,
                manager.randomNormal(0f, 0.02f, new Shape(shape), DataType.FLOAT32));
    }

    public static Parameter zeros(NDManager manager, String name, Parameter.Type type, long... shape) {
        return trainable(name, type, manager.zeros(new Shape(shape), DataType.FLOAT32));
    }

    public static Parameter ones(NDManager manager, String name, Parameter.Type type, long... shape) {
        return trainable(name, type, manager.ones(new Shape(shape), DataType.FLOAT32));
    }
}
