package dev.sweep.worker.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.codec.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The architecture fields of a Hugging Face {@code config.json} with {@code model_type}
 * "deberta-v2", which DeBERTa-v2 and DeBERTa-v3 share. Defaults are those of transformers'
 * {@code DebertaV2Config} and of the {@code getattr} fallbacks in its modeling code; sizes have
 * no default (a real config always states them).
 *
 * @param headSize {@code attention_head_size}, hidden_size / num_attention_heads when absent
 * @param embeddingSize {@code embedding_size}; when it differs from hidden_size an {@code embed_proj} maps it
 * @param positionBiasedInput whether absolute position embeddings are added to the input (v3: false)
 * @param relative the disentangled relative attention
 * @param conv the v2 convolution after the first layer, or {@link Conv#NONE}
 */
public record DebertaV2Config(int vocabSize, int hiddenSize, int numLayers, int numHeads, int headSize,
        int intermediateSize, String hiddenAct, double hiddenDropout, double attentionDropout, int maxPositions,
        int typeVocabSize, double layerNormEps, int padTokenId, int embeddingSize, boolean positionBiasedInput,
        Relative relative, Conv conv) implements ModelConfig {
    public static final String MODEL_TYPE = "deberta-v2";

    /**
     * Relative attention.
     *
     * @param enabled {@code relative_attention}
     * @param c2p content-to-position scores ({@code "c2p"} in {@code pos_att_type})
     * @param p2c position-to-content scores
     * @param positionBuckets {@code position_buckets}; above 0, distances beyond half of it go to log buckets
     * @param maxRelativePositions {@code max_relative_positions}, with -1 already resolved to max_position_embeddings
     * @param shareAttKey whether the position projections reuse the content query/key projections
     * @param normalised {@code norm_rel_ebd} contains "layer_norm": the table goes through {@code encoder.LayerNorm}
     */
    public record Relative(boolean enabled, boolean c2p, boolean p2c, int positionBuckets, int maxRelativePositions,
            boolean shareAttKey, boolean normalised) {
        /** Rows on each side of distance 0 in {@code encoder.rel_embeddings}: the table has twice as many. */
        public int span() {
            return positionBuckets > 0 ? positionBuckets : maxRelativePositions;
        }

        /** The score terms beside content-to-content; the scores are divided by sqrt(head_size * this). */
        public int scaleFactor() {
            return 1 + (c2p ? 1 : 0) + (p2c ? 1 : 0);
        }

        List<String> posAttType() {
            List<String> out = new ArrayList<>();
            if (p2c) {
                out.add("p2c");
            }
            if (c2p) {
                out.add("c2p");
            }
            return out;
        }
    }

    /** The ConvLayer of DeBERTa-v2 ({@code conv_kernel_size}, {@code conv_act}, {@code conv_groups}). */
    public record Conv(int kernelSize, String act, int groups) {
        public static final Conv NONE = new Conv(0, "tanh", 1);

        public boolean present() {
            return kernelSize > 0;
        }
    }

    public DebertaV2Config {
        require(vocabSize > 0, "vocab_size must be > 0, but got " + vocabSize);
        require(hiddenSize > 0 && numHeads > 0, "hidden_size and num_attention_heads must be > 0, but got hidden_size="
                + hiddenSize + ", num_attention_heads=" + numHeads);
        require(headSize > 0, "attention_head_size must be > 0, but got " + headSize);
        require(numLayers > 0, "num_hidden_layers must be > 0, but got " + numLayers);
        require(intermediateSize > 0, "intermediate_size must be > 0, but got " + intermediateSize);
        require(maxPositions > 0, "max_position_embeddings must be > 0, but got " + maxPositions);
        require(typeVocabSize >= 0, "type_vocab_size must be >= 0, but got " + typeVocabSize);
        require(embeddingSize > 0, "embedding_size must be > 0, but got " + embeddingSize);
        require(activation(hiddenAct), "hidden_act must be one of " + new java.util.TreeSet<>(Activations.NAMES)
                + ", but got '" + hiddenAct + "'");
        require(hiddenDropout >= 0 && hiddenDropout < 1, "hidden_dropout_prob must lie in [0, 1), but got " + hiddenDropout);
        require(attentionDropout >= 0 && attentionDropout < 1,
                "attention_probs_dropout_prob must lie in [0, 1), but got " + attentionDropout);
        require(layerNormEps > 0, "layer_norm_eps must be > 0, but got " + layerNormEps);
        require(padTokenId >= 0 && padTokenId < vocabSize, "pad_token_id must lie in [0, vocab_size), but got " + padTokenId);
        if (relative.enabled()) {
            require(relative.maxRelativePositions() > 0, "max_relative_positions must be > 0 or -1, but got "
                    + relative.maxRelativePositions());
            require(relative.positionBuckets() <= 0 || relative.positionBuckets() >= 4,
                    "position_buckets must be -1 (no buckets) or >= 4, but got " + relative.positionBuckets());
            require(relative.positionBuckets() <= 0 || relative.maxRelativePositions() > relative.positionBuckets() / 2 + 1,
                    "max_relative_positions must exceed position_buckets / 2 + 1 for log buckets, but got "
                            + relative.maxRelativePositions() + " with position_buckets " + relative.positionBuckets());
        }
        if (conv.present()) {
            require(conv.kernelSize() % 2 == 1, "conv_kernel_size must be odd (the layer pads (k - 1) / 2 on each side "
                    + "and must keep the length), but got " + conv.kernelSize());
            require(conv.groups() > 0 && hiddenSize % conv.groups() == 0,
                    "conv_groups must divide hidden_size, but got " + conv.groups());
            require(activation(conv.act()), "conv_act must be one of " + new java.util.TreeSet<>(Activations.NAMES)
                    + ", but got '" + conv.act() + "'");
        }
    }

    private static boolean activation(String name) {
        return Activations.NAMES.contains(name);
    }

    private static void require(boolean rule, String message) {
        if (!rule) {
            throw new IllegalArgumentException("config.json: " + message);
        }
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    /** Query, key and value width: heads x head size (hidden_size unless attention_head_size says otherwise). */
    public int allHeadSize() {
        return numHeads * headSize;
    }

    /** Reads a config.json tree; the error names the source and the broken field. */
    static DebertaV2Config parse(JsonNode n, String source) {
        try {
            int hidden = required(n, "hidden_size", source);
            int heads = required(n, "num_attention_heads", source);
            int maxPositions = integer(n, "max_position_embeddings", 512, source);
            List<String> posAttType = posAttType(n.get("pos_att_type"), source);
            int maxRelative = integer(n, "max_relative_positions", -1, source);
            Relative relative = new Relative(bool(n, "relative_attention", false, source), posAttType.contains("c2p"),
                    posAttType.contains("p2c"), integer(n, "position_buckets", -1, source),
                    maxRelative < 1 ? maxPositions : maxRelative, bool(n, "share_att_key", false, source),
                    parts(text(n, "norm_rel_ebd", "none", source)).contains("layer_norm"));
            Conv conv = new Conv(integer(n, "conv_kernel_size", 0, source), text(n, "conv_act", "tanh", source),
                    integer(n, "conv_groups", 1, source));
            return new DebertaV2Config(required(n, "vocab_size", source), hidden, required(n, "num_hidden_layers", source),
                    heads, integer(n, "attention_head_size", heads > 0 ? hidden / heads : 0, source),
                    required(n, "intermediate_size", source), text(n, "hidden_act", "gelu", source),
                    number(n, "hidden_dropout_prob", 0.1, source), number(n, "attention_probs_dropout_prob", 0.1, source),
                    maxPositions, integer(n, "type_vocab_size", 0, source), number(n, "layer_norm_eps", 1e-7, source),
                    integer(n, "pad_token_id", 0, source), integer(n, "embedding_size", hidden, source),
                    bool(n, "position_biased_input", true, source), relative, conv);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
    }

    private static List<String> posAttType(JsonNode v, String source) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            out.addAll(parts(v.asText()));
        } else if (v.isArray()) {
            v.forEach(x -> out.add(x.asText().trim().toLowerCase(Locale.ROOT)));
        } else {
            throw new ConfigException(source + ": pos_att_type must be a string such as \"p2c|c2p\" or a list such as "
                    + "[\"p2c\", \"c2p\"], but got " + v);
        }
        for (String t : out) {
            if (!t.equals("c2p") && !t.equals("p2c")) {
                throw new ConfigException(source + ": pos_att_type may hold only c2p and p2c, but got '" + t + "'");
            }
        }
        return out;
    }

    private static List<String> parts(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.toLowerCase(Locale.ROOT).split("\\|")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    private static int required(JsonNode n, String field, String source) {
        if (n.get(field) == null || n.get(field).isNull()) {
            throw new ConfigException(source + ": " + field + " is missing; a deberta-v2 config.json must state it");
        }
        return integer(n, field, 0, source);
    }

    private static int integer(JsonNode n, String field, int otherwise, String source) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new ConfigException(source + ": " + field + " must be an integer, but got " + v);
        }
        return v.intValue();
    }

    private static double number(JsonNode n, String field, double otherwise, String source) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isNumber()) {
            throw new ConfigException(source + ": " + field + " must be a number, but got " + v);
        }
        return v.doubleValue();
    }

    private static boolean bool(JsonNode n, String field, boolean otherwise, String source) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            throw new ConfigException(source + ": " + field + " must be true or false, but got " + v);
        }
        return v.booleanValue();
    }

    private static String text(JsonNode n, String field, String otherwise, String source) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isTextual()) {
            throw new ConfigException(source + ": " + field + " must be a string, but got " + v);
        }
        return v.asText();
    }

    @Override
    public DebertaV2Config withDropout(Double hidden, Double attention) {
        return new DebertaV2Config(vocabSize, hiddenSize, numLayers, numHeads, headSize, intermediateSize, hiddenAct,
                hidden == null ? hiddenDropout : hidden, attention == null ? attentionDropout : attention, maxPositions,
                typeVocabSize, layerNormEps, padTokenId, embeddingSize, positionBiasedInput, relative, conv);
    }

    @Override
    public String toHuggingFaceJson() {
        ObjectNode node = Codec.json().createObjectNode();
        node.putArray("architectures").add("DebertaV2Model");
        node.put("model_type", MODEL_TYPE);
        node.put("vocab_size", vocabSize);
        node.put("hidden_size", hiddenSize);
        node.put("num_hidden_layers", numLayers);
        node.put("num_attention_heads", numHeads);
        node.put("attention_head_size", headSize);
        node.put("intermediate_size", intermediateSize);
        node.put("hidden_act", hiddenAct);
        node.put("hidden_dropout_prob", hiddenDropout);
        node.put("attention_probs_dropout_prob", attentionDropout);
        node.put("max_position_embeddings", maxPositions);
        node.put("type_vocab_size", typeVocabSize);
        node.put("layer_norm_eps", layerNormEps);
        node.put("pad_token_id", padTokenId);
        if (embeddingSize != hiddenSize) {
            node.put("embedding_size", embeddingSize);
        }
        node.put("position_biased_input", positionBiasedInput);
        node.put("relative_attention", relative.enabled());
        var types = node.putArray("pos_att_type");
        relative.posAttType().forEach(types::add);
        node.put("position_buckets", relative.positionBuckets());
        node.put("max_relative_positions", relative.maxRelativePositions());
        node.put("share_att_key", relative.shareAttKey());
        node.put("norm_rel_ebd", relative.normalised() ? "layer_norm" : "none");
        if (conv.present()) {
            node.put("conv_kernel_size", conv.kernelSize());
            node.put("conv_act", conv.act());
            node.put("conv_groups", conv.groups());
        }
        node.put("torch_dtype", "float32");
        try {
            return Codec.json().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
