package dev.sweep.worker.model.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweep.common.codec.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors format as Hugging Face writes it: an 8-byte little-endian header length, a JSON
 * header of name to dtype, shape and byte offsets, then the raw data. Reading converts F16, BF16
 * and F64 to fp32 on the host; writing produces fp32 with {@code "format": "pt"} metadata and a
 * header padded to 8 bytes, which transformers' {@code from_pretrained} accepts.
 */
public final class Safetensors {
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private Safetensors() {}

    /** Reads every floating-point tensor of the file; integer tensors (position ids) are skipped. */
    public static Map<String, HostTensor> read(Path file) {
        ByteBuffer all;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            all = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (NoSuchFileException e) {
            throw new WeightsException(file + ": no such file; a model folder needs model.safetensors");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        return read(all, file.toString());
    }

    static Map<String, HostTensor> read(ByteBuffer all, String source) {
        if (all.remaining() < 8) {
            throw corrupt(source, "shorter than the 8-byte header length");
        }
        long headerLength = all.getLong(0);
        if (headerLength <= 1 || headerLength > MAX_HEADER || 8 + headerLength > all.remaining()) {
            throw corrupt(source, "header length " + headerLength + " does not fit a file of " + all.remaining() + " bytes");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        all.get(8, headerBytes);
        JsonNode header;
        try {
            header = Codec.json().readTree(new String(headerBytes, StandardCharsets.UTF_8).trim());
        } catch (JsonProcessingException e) {
            throw corrupt(source, "header is not JSON (" + e.getOriginalMessage() + ")");
        }
        long dataStart = 8 + headerLength;
        long dataLength = all.remaining() - dataStart;
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            HostTensor t = tensor(all, e.getKey(), e.getValue(), dataStart, dataLength, source);
            if (t != null) {
                out.put(t.name(), t);
            }
        }
        return out;
    }

    private static HostTensor tensor(ByteBuffer all, String name, JsonNode info, long dataStart, long dataLength,
            String source) {
        String dtype = info.path("dtype").asText();
        JsonNode offsets = info.path("data_offsets");
        if (!offsets.isArray() || offsets.size() != 2) {
            throw corrupt(source, "tensor " + name + " has no data_offsets");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > dataLength) {
            throw corrupt(source, "tensor " + name + " spans bytes [" + begin + ", " + end + ") but the data holds "
                    + dataLength + "; the file is truncated");
        }
        long[] shape = new long[info.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = info.path("shape").get(i).asLong();
        }
        int width = switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            case "F64" -> 8;
            default -> 0;
        };
        if (width == 0) {
            return null;
        }
        long count = 1;
        for (long d : shape) {
            count = Math.multiplyExact(count, d);
        }
        if (count * width != end - begin) {
            throw corrupt(source, "tensor " + name + " of shape " + java.util.Arrays.toString(shape) + " and dtype "
                    + dtype + " needs " + count * width + " bytes but spans " + (end - begin));
        }
        ByteBuffer data = all.slice(Math.toIntExact(dataStart + begin), Math.toIntExact(end - begin))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[(int) count];
        switch (dtype) {
            case "F32" -> data.asFloatBuffer().get(values);
            case "F64" -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) data.getDouble(i * 8);
                }
            }
            case "F16" -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = HalfFloats.fp16ToFloat(data.getShort(i * 2));
                }
            }
            default -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = HalfFloats.bf16ToFloat(data.getShort(i * 2));
                }
            }
        }
        return new HostTensor(name, shape, values);
    }

    /** Writes fp32 tensors, names sorted as Hugging Face writes them. */
    public static void write(Path file, List<HostTensor> tensors) {
        Map<String, HostTensor> sorted = new TreeMap<>();
        tensors.forEach(t -> sorted.put(t.name(), t));
        ObjectNode header = Codec.json().createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (HostTensor t : sorted.values()) {
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long size = 4L * t.data().length;
            entry.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
                head.putLong(padded).put(json);
                while (head.hasRemaining()) {
                    head.put((byte) ' ');
                }
                writeFully(ch, head.flip());
                for (HostTensor t : sorted.values()) {
                    ByteBuffer data = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
                    data.asFloatBuffer().put(t.data());
                    writeFully(ch, data);
                }
            }
            // a reader never sees a half-written checkpoint
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static WeightsException corrupt(String source, String problem) {
        return new WeightsException(source + ": corrupt safetensors: " + problem
                + "; re-download or re-export the model");
    }
}
