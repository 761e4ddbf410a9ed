package dev.sweep.worker.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void writtenTensorsReadBackBitExact() {
        HostTensor a = new HostTensor("encoder.layer.0.output.dense.weight", new long[] {2, 3},
                new float[] {1.5f, -2f, 3.25f, Float.MIN_VALUE, -0f, 1e30f});
        HostTensor b = new HostTensor("head.fc.bias", new long[] {1}, new float[] {0.125f});
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(file, List.of(a, b));
        Map<String, HostTensor> back = Safetensors.read(file);
        assertEquals(2, back.size());
        assertArrayEquals(a.data(), back.get(a.name()).data());
        assertArrayEquals(a.shape(), back.get(a.name()).shape());
        assertArrayEquals(b.data(), back.get(b.name()).data());
    }

    @Test
    void headerIsPaddedToEightBytesAndCarriesPtFormat() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, List.of(new HostTensor("x", new long[] {1}, new float[] {1f})));
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = all.getLong(0);
        assertEquals(0, headerLength % 8);
        String header = new String(Files.readAllBytes(file), 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"__metadata__\":{\"format\":\"pt\"}"), header);
    }

    @Test
    void halfPrecisionTensorsAreConvertedToFloat32() throws IOException {
        // fp16: 1.0 = 0x3C00, -2.0 = 0xC000, 65504 = 0x7BFF, smallest subnormal 2^-24 = 0x0001
        // bf16: 1.0 = 0x3F80, -0.5 = 0xBF00, 3.0 = 0x4040
        short[] f16 = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001};
        short[] bf16 = {0x3F80, (short) 0xBF00, 0x4040};
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[8,14]}}";
        Path file = writeRaw(header, f16, bf16);
        Map<String, HostTensor> t = Safetensors.read(file);
        assertArrayEquals(new float[] {1f, -2f, 65504f, (float) Math.pow(2, -24)}, t.get("h").data());
        assertArrayEquals(new float[] {1f, -0.5f, 3f}, t.get("b").data());
    }

    @Test
    void truncatedFileIsRefusedNamingTheTensor() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(file, List.of(new HostTensor("big", new long[] {64}, new float[64])));
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 10));
        WeightsException e = assertThrows(WeightsException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().contains("tensor big") && e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void garbageIsRefusedAsCorrupt() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Files.write(file, "this is not a model at all".getBytes(StandardCharsets.UTF_8));
        WeightsException e = assertThrows(WeightsException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().startsWith(file + ": corrupt safetensors"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        WeightsException e = assertThrows(WeightsException.class, () -> Safetensors.read(dir.resolve("nope.safetensors")));
        assertTrue(e.getMessage().contains("nope.safetensors: no such file"), e.getMessage());
    }

    private Path writeRaw(String header, short[] first, short[] second) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + 2 * (first.length + second.length))
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h);
        for (short s : first) {
            buf.putShort(s);
        }
        for (short s : second) {
            buf.putShort(s);
        }
        Path file = dir.resolve("half.safetensors");
        Files.write(file, buf.array());
        return file;
    }
}
