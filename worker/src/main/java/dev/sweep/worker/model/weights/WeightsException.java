package dev.sweep.worker.model.weights;

import dev.sweep.common.codec.ConfigException;

/** Weights that cannot be used: corrupt, truncated, of an unknown type, or not matching the model. */
public class WeightsException extends ConfigException {
    private static final long serialVersionUID = 1L;

    public WeightsException(String message) {
        super(message);
    }

    public WeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
