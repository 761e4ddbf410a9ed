package dev.sweep.worker.model.weights;

import java.util.Arrays;

/**
 * An fp32 tensor in host memory, row-major, under its Hugging Face name. The loaders convert
 * fp16 and bf16 to this form because bf16 arrays abort the JVM in this DJL build.
 */
public record HostTensor(String name, long[] shape, float[] data) {
    public HostTensor {
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (count != data.length) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape)
                    + " holds " + count + " values, but got " + data.length);
        }
        shape = shape.clone();
    }

    /** The 2-D transpose, used for ONNX MatMul weights stored [in, out] where PyTorch keeps [out, in]. */
    public HostTensor transposed(String newName) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("tensor " + name + ": only 2-D tensors can be transposed, but got shape "
                    + Arrays.toString(shape));
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] out = new float[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = data[r * cols + c];
            }
        }
        return new HostTensor(newName, new long[] {cols, rows}, out);
    }
}
