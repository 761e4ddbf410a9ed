package dev.sweep.worker.data;

import dev.sweep.common.codec.ConfigException;

/** Data that cannot be used; the message names the file, and where known the line and column, and what to do. */
public class DataException extends ConfigException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }

    static DataException at(String file, int line, String column, String problem) {
        return new DataException(file + ":" + line + ": column '" + column + "': " + problem);
    }
}
