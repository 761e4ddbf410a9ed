package dev.sweep.worker.data;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Hugging Face tokenizer (tokenizer.json, through DJL's bundled native library) set up for
 * training: special tokens added, truncation to {@code maxLength} (longest first for pairs), and
 * no padding, whatever the file itself says: batches are padded later, to their own longest member.
 */
public final class TextTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;

    /** Token ids and segment ids of one example. */
    public record Encoded(long[] ids, long[] typeIds) {}

    private TextTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public static TextTokenizer fromJson(InputStream tokenizerJson, int maxLength) {
        try {
            return new TextTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, options(maxLength)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer.json: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DataException("tokenizer.json is not a usable Hugging Face tokenizer: " + e.getMessage(), e);
        }
    }

    public static TextTokenizer fromFile(Path tokenizerJson, int maxLength) {
        try (InputStream in = Files.newInputStream(tokenizerJson)) {
            return fromJson(in, maxLength);
        } catch (IOException e) {
            throw new DataException(tokenizerJson + ": cannot read the tokenizer: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> options(int maxLength) {
        return Map.of("addSpecialTokens", "true", "padding", "false", "truncation", "true",
                "maxLength", Integer.toString(maxLength));
    }

    /** Encodes one text, or a pair when {@code pair} is not null. */
    public Encoded encode(String text, String pair) {
        Encoding e = pair == null ? tokenizer.encode(text) : tokenizer.encode(text, pair);
        return new Encoded(e.getIds(), e.getTypeIds());
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
