package dev.sweep.common.codec;

/** A config or spec that cannot be used; the message is one line naming the file, field and rule. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConfigException(String message) {
        super(message);
    }
}
