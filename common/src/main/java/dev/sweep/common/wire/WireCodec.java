package dev.sweep.common.wire;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.codec.ConfigException;
import java.nio.charset.StandardCharsets;

/**
 * JSON (UTF-8) bytes of the protocol's messages, for Kafka values. Decoding a message that is
 * not valid for this build throws {@link ConfigException} naming the topic and the rule.
 */
public final class WireCodec {
    private WireCodec() {}

    public static byte[] encode(Object message) {
        return Codec.toJson(message).getBytes(StandardCharsets.UTF_8);
    }

    public static TrialSpec trial(byte[] value) {
        return decode(value, TrialSpec.class, Topics.TRIALS);
    }

    public static TrialEvent event(byte[] value) {
        return decode(value, TrialEvent.class, Topics.EVENTS);
    }

    public static DeadLetter dead(byte[] value) {
        return decode(value, DeadLetter.class, Topics.DEAD);
    }

    public static WorkerStatus workerStatus(byte[] value) {
        return decode(value, WorkerStatus.class, Topics.WORKERS);
    }

    public static ControlMessage control(byte[] value) {
        return decode(value, ControlMessage.class, Topics.CONTROL);
    }

    private static <T> T decode(byte[] value, Class<T> type, String topic) {
        if (value == null) {
            throw new ConfigException(topic + ": empty message (a tombstone?)");
        }
        return Codec.fromJson(new String(value, StandardCharsets.UTF_8), type, topic);
    }
}
