package dev.sweep.worker.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A reader of the protobuf wire format, just enough to walk an ONNX model. Length-delimited
 * fields are returned as slices of the one buffer, so a 90 MB model is never copied whole.
 */
final class Protobuf {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buf;
    private int tag;

    Protobuf(ByteBuffer buf) {
        this.buf = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    boolean hasMore() {
        return buf.hasRemaining();
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() {
        if (!buf.hasRemaining()) {
            return false;
        }
        tag = (int) varint();
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buf.get();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalStateException("malformed varint");
    }

    ByteBuffer bytes() {
        int length = Math.toIntExact(varint());
        if (length < 0 || length > buf.remaining()) {
            throw new IllegalStateException("field of " + length + " bytes runs past the end of its message");
        }
        ByteBuffer slice = buf.slice().limit(length).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(buf.position() + length);
        return slice;
    }

    String string() {
        ByteBuffer b = bytes();
        byte[] raw = new byte[b.remaining()];
        b.get(raw);
        return new String(raw, StandardCharsets.UTF_8);
    }

    void skip() {
        switch (wireType()) {
            case VARINT -> varint();
            case FIXED64 -> buf.position(buf.position() + 8);
            case LENGTH_DELIMITED -> bytes();
            case FIXED32 -> buf.position(buf.position() + 4);
            default -> throw new IllegalStateException("unsupported protobuf wire type " + wireType());
        }
    }
}
