package dev.sweep.worker.model;

import ai.djl.nn.Parameter;
import dev.sweep.worker.model.weights.HostTensor;
import dev.sweep.worker.model.weights.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a model in the layout Hugging Face transformers loads with {@code from_pretrained}:
 * config.json, model.safetensors (fp32; encoder tensors under their base-model names, head
 * tensors under {@code head.}) and tokenizer.json (when there is one). {@link Pretrained#folder} reads it back.
 */
public final class SavedModel {
    private SavedModel() {}

    public static void write(Path dir, ModelConfig config, Map<String, Parameter> parameters, byte[] tokenizerJson) {
        List<HostTensor> tensors = new ArrayList<>(parameters.size());
        parameters.forEach((name, p) -> tensors.add(toHost(name, p)));
        write(dir, config, tensors, tokenizerJson);
    }

    public static void write(Path dir, ModelConfig config, List<HostTensor> tensors, byte[] tokenizerJson) {
        try {
            Files.createDirectories(dir);
            Safetensors.write(dir.resolve("model.safetensors"), tensors);
            Files.writeString(dir.resolve("config.json"), config.toHuggingFaceJson());
            if (tokenizerJson != null) {
                Files.write(dir.resolve("tokenizer.json"), tokenizerJson);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the model: " + e.getMessage(), e);
        }
    }

    public static HostTensor toHost(String name, Parameter p) {
        return new HostTensor(name, p.getArray().getShape().getShape(), p.getArray().toFloatArray());
    }
}
