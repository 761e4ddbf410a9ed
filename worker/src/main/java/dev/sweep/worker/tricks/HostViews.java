package dev.sweep.worker.tricks;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.FloatBuffer;

/**
 * Views of the memory of CPU float32 tensors, for element-wise updates that libtorch would run
 * as several passes. A view is taken fresh for each use: DJL's {@code set(float[])} can point a
 * tensor at other memory, so a view kept from an earlier step could read freed memory.
 */
final class HostViews {
    private HostViews() {}

    /** True when {@link #of} gives a view of the array's own memory (a contiguous CPU float32 array). */
    static boolean available(NDArray a) {
        return a.getDevice().equals(Device.cpu()) && a.getDataType() == DataType.FLOAT32 && !a.isSparse();
    }

    /** The array's memory as floats; writes go to the array. Only for arrays {@link #available} accepts. */
    static FloatBuffer of(NDArray a) {
        FloatBuffer view = a.toByteBuffer(true).asFloatBuffer();
        if (!view.isDirect() || view.capacity() != a.size()) {
            throw new IllegalStateException("expected a direct view of " + a.size() + " floats of " + a.getName()
                    + " but got " + view.capacity() + (view.isDirect() ? "" : " copied"));
        }
        return view;
    }
}
