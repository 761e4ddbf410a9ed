package dev.sweep.worker.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweep.common.codec.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * DeBERTa-shaped Hugging Face folders for tests: the shared reference fixtures' config.json and
 * model.safetensors (written by transformers' own DebertaV2Model code) with a word-level
 * tokenizer.json for a tiny vocabulary, so a whole trial can run on them. The special ids are
 * DeBERTa-v3's: [PAD] 0, [CLS] 1, [SEP] 2, [UNK] 3; words follow from 4, inside the fixtures'
 * vocabulary of 1000.
 */
public final class DebertaFolders {
    private DebertaFolders() {}

    /** The reference fixtures in the worker's test resources; a test fails (never skips) without them. */
    public static Path fixtures() {
        Path dir = Path.of("src/test/resources/reference-fixtures").toAbsolutePath();
        assertTrue(Files.isDirectory(dir), dir + " is missing: the DeBERTa tests need the shared reference fixtures "
                + "(src/test/resources/reference-fixtures/README.md); they do not skip");
        return dir;
    }

    /** A model folder at {@code dir}: {@code fixture}'s config and weights, and a tokenizer for {@link SyntheticData#words()}. */
    public static Path folder(Path dir, String fixture) {
        Path source = fixtures().resolve(fixture);
        try {
            Files.createDirectories(dir);
            for (String f : List.of("config.json", "model.safetensors")) {
                Files.copy(source.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.write(dir.resolve("tokenizer.json"), wordLevelTokenizer(SyntheticData.words()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * A tokenizer.json (Hugging Face tokenizers' format, which DJL's HuggingFaceTokenizer reads):
     * lowercase, split on whitespace and punctuation, one id per known word, [UNK] otherwise,
     * and {@code [CLS] A [SEP]} ({@code [CLS] A [SEP] B [SEP]} for pairs) around it.
     */
    public static byte[] wordLevelTokenizer(List<String> words) {
        ObjectNode root = Codec.json().createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        List<String> special = List.of("[PAD]", "[CLS]", "[SEP]", "[UNK]");
        for (int i = 0; i < special.size(); i++) {
            added.addObject().put("id", i).put("content", special.get(i)).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putObject("normalizer").put("type", "Lowercase");
        root.putObject("pre_tokenizer").put("type", "Whitespace");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        special(single, "[CLS]", 0);
        sequence(single, "A", 0);
        special(single, "[SEP]", 0);
        ArrayNode pair = post.putArray("pair");
        special(pair, "[CLS]", 0);
        sequence(pair, "A", 0);
        special(pair, "[SEP]", 0);
        sequence(pair, "B", 1);
        special(pair, "[SEP]", 1);
        ObjectNode tokens = post.putObject("special_tokens");
        for (String t : List.of("[CLS]", "[SEP]")) {
            ObjectNode e = tokens.putObject(t);
            e.put("id", t);
            e.putArray("ids").add(special.indexOf(t));
            e.putArray("tokens").add(t);
        }
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < special.size(); i++) {
            vocab.put(special.get(i), i);
        }
        int next = special.size();
        for (String w : words) {
            if (!vocab.has(w)) {
                vocab.put(w, next++);
            }
        }
        model.put("unk_token", "[UNK]");
        return root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void special(ArrayNode template, String id, int typeId) {
        template.addObject().putObject("SpecialToken").put("id", id).put("type_id", typeId);
    }

    private static void sequence(ArrayNode template, String id, int typeId) {
        template.addObject().putObject("Sequence").put("id", id).put("type_id", typeId);
    }
}
