package dev.sweep.worker.model;

import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * A part of the model that owns trainable parameters, each under its Hugging Face style name
 * ({@code encoder.layer.3.attention.self.query.weight}, {@code head.fc.bias}). The map's order is
 * stable, so optimizers, averaging and checkpoints see the parameters in the same order.
 */
public interface NamedParameters {
    Map<String, Parameter> namedParameters();
}
