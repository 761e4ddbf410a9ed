package dev.sweep.worker.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ONNX graphs written by hand in protobuf wire format, so each naming rule is tested on its own. */
class OnnxWeightsTest {
    @Test
    void anonymousMatMulWeightTakesTheNameOfTheBiasAddedAfterItAndIsTransposed() {
        byte[] graph = concat(
                node("MatMul", new String[] {"x", "onnx::MatMul_7"}, new String[] {"mm_out"}),
                node("Add", new String[] {"layer.dense.bias", "mm_out"}, new String[] {"y"}),
                initializer("onnx::MatMul_7", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}),
                initializer("layer.dense.bias", new long[] {3}, new float[] {7, 8, 9}));
        Map<String, HostTensor> w = OnnxWeights.read(model(graph), "test.onnx");
        HostTensor weight = w.get("layer.dense.weight");
        assertArrayEquals(new long[] {3, 2}, weight.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, weight.data());
        assertArrayEquals(new float[] {7, 8, 9}, w.get("layer.dense.bias").data());
        assertEquals(2, w.size(), "the anonymous name itself is not kept");
    }

    @Test
    void aMatMulWeightWithNoBoundBiasIsRefusedByName() {
        byte[] graph = concat(
                node("MatMul", new String[] {"x", "onnx::MatMul_9"}, new String[] {"mm_out"}),
                node("Relu", new String[] {"mm_out"}, new String[] {"y"}),
                initializer("onnx::MatMul_9", new long[] {1, 1}, new float[] {1}));
        WeightsException e = assertThrows(WeightsException.class, () -> OnnxWeights.read(model(graph), "bad.onnx"));
        assertTrue(e.getMessage().startsWith("bad.onnx: cannot name MatMul weights [onnx::MatMul_9]"), e.getMessage());
    }

    @Test
    void truncatedModelIsRefused() {
        byte[] graph = concat(initializer("w", new long[] {4}, new float[] {1, 2, 3, 4}));
        byte[] whole = model(graph).array();
        ByteBuffer cut = ByteBuffer.wrap(java.util.Arrays.copyOf(whole, whole.length - 6));
        WeightsException e = assertThrows(WeightsException.class, () -> OnnxWeights.read(cut, "cut.onnx"));
        assertTrue(e.getMessage().contains("cut.onnx: not a readable ONNX model"), e.getMessage());
    }

    private static ByteBuffer model(byte[] graph) {
        return ByteBuffer.wrap(field(7, graph));
    }

    private static byte[] node(String op, String[] inputs, String[] outputs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String in : inputs) {
            out.writeBytes(field(1, in.getBytes(StandardCharsets.UTF_8)));
        }
        for (String o : outputs) {
            out.writeBytes(field(2, o.getBytes(StandardCharsets.UTF_8)));
        }
        out.writeBytes(field(4, op.getBytes(StandardCharsets.UTF_8)));
        return field(1, out.toByteArray());
    }

    private static byte[] initializer(String name, long[] dims, float[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long d : dims) {
            out.write(1 << 3);
            out.writeBytes(varint(d));
        }
        out.write(2 << 3);
        out.write(1); // FLOAT
        out.writeBytes(field(8, name.getBytes(StandardCharsets.UTF_8)));
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        out.writeBytes(field(9, raw.array()));
        return field(5, out.toByteArray());
    }

    private static byte[] field(int number, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(varint((long) number << 3 | 2));
        out.writeBytes(varint(payload.length));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
