package dev.sweep.worker.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.codec.ConfigException;
import java.util.Set;

/**
 * The architecture fields of a Hugging Face {@code config.json} for BERT, RoBERTa, XLM-R, MiniLM,
 * BGE and ERNIE models (all share BERT's layout). RoBERTa-style models number positions from
 * {@code pad_token_id + 1}, which {@link #positionOffset()} captures. ERNIE 3.0 ({@code model_type
 * ernie}) adds a task-type embedding table when {@code use_task_id} is set
 * ({@code embeddings.task_type_embeddings.weight}, {@code task_type_vocab_size} rows).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EncoderConfig(
        @JsonProperty("model_type") String modelType,
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("num_hidden_layers") int numLayers,
        @JsonProperty("num_attention_heads") int numHeads,
        @JsonProperty("intermediate_size") int intermediateSize,
        @JsonProperty("hidden_act") String hiddenAct,
        @JsonProperty("hidden_dropout_prob") Double hiddenDropout,
        @JsonProperty("attention_probs_dropout_prob") Double attentionDropout,
        @JsonProperty("max_position_embeddings") int maxPositions,
        @JsonProperty("type_vocab_size") Integer typeVocabSize,
        @JsonProperty("layer_norm_eps") Double layerNormEps,
        @JsonProperty("pad_token_id") Integer padTokenId,
        @JsonProperty("use_task_id") Boolean useTaskId,
        @JsonProperty("task_type_vocab_size") Integer taskTypeVocabSize) implements ModelConfig {
    public static final Set<String> ACTIVATIONS = Set.of("gelu", "gelu_new", "gelu_pytorch_tanh", "gelu_fast",
            "relu", "silu", "swish");
    private static final Set<String> ROBERTA_LIKE = Set.of("roberta", "xlm-roberta", "camembert");

    public EncoderConfig {
        modelType = modelType == null ? "bert" : modelType;
        hiddenAct = hiddenAct == null ? "gelu" : hiddenAct;
        // Hugging Face's BertConfig defaults for fields older configs leave out
        hiddenDropout = hiddenDropout == null ? 0.1 : hiddenDropout;
        attentionDropout = attentionDropout == null ? 0.1 : attentionDropout;
        typeVocabSize = typeVocabSize == null ? 2 : typeVocabSize;
        layerNormEps = layerNormEps == null ? 1e-12 : layerNormEps;
        padTokenId = padTokenId == null ? (ROBERTA_LIKE.contains(modelType) ? 1 : 0) : padTokenId;
        // ErnieConfig's defaults: use_task_id false, task_type_vocab_size 3; only ERNIE has the table
        useTaskId = useTaskId != null && useTaskId;
        taskTypeVocabSize = taskTypeVocabSize == null ? 3 : taskTypeVocabSize;
        require(!useTaskId || modelType.equals("ernie"), "use_task_id belongs to model_type ernie, but model_type is '"
                + modelType + "'");
        require(taskTypeVocabSize > 0, "task_type_vocab_size must be > 0, but got " + taskTypeVocabSize);
        require(vocabSize > 0, "vocab_size must be > 0, but got " + vocabSize);
        require(hiddenSize > 0 && numHeads > 0 && hiddenSize % numHeads == 0,
                "hidden_size must be a positive multiple of num_attention_heads, but got hidden_size=" + hiddenSize
                        + ", num_attention_heads=" + numHeads);
        require(numLayers > 0, "num_hidden_layers must be > 0, but got " + numLayers);
        require(intermediateSize > 0, "intermediate_size must be > 0, but got " + intermediateSize);
        require(maxPositions > 0, "max_position_embeddings must be > 0, but got " + maxPositions);
        require(typeVocabSize > 0, "type_vocab_size must be > 0, but got " + typeVocabSize);
        require(ACTIVATIONS.contains(hiddenAct),
                "hidden_act must be one of " + new java.util.TreeSet<>(ACTIVATIONS) + ", but got '" + hiddenAct + "'");
        require(hiddenDropout >= 0 && hiddenDropout < 1, "hidden_dropout_prob must lie in [0, 1), but got " + hiddenDropout);
        require(attentionDropout >= 0 && attentionDropout < 1,
                "attention_probs_dropout_prob must lie in [0, 1), but got " + attentionDropout);
        require(layerNormEps > 0, "layer_norm_eps must be > 0, but got " + layerNormEps);
    }

    private static void require(boolean rule, String message) {
        if (!rule) {
            throw new IllegalArgumentException("config.json: " + message);
        }
    }

    /** Parses a config.json; the error names the source and the broken field. */
    public static EncoderConfig parse(String json, String source) {
        try {
            return Codec.json().readerFor(EncoderConfig.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(json);
        } catch (JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            throw new ConfigException(source + ": " + why.lines().findFirst().orElse(why), e);
        }
    }

    /** Position ids start here: 0 for BERT, pad_token_id + 1 for RoBERTa and XLM-R. */
    public int positionOffset() {
        return ROBERTA_LIKE.contains(modelType) ? padTokenId + 1 : 0;
    }

    public boolean usesPaddingAwarePositions() {
        return ROBERTA_LIKE.contains(modelType);
    }

    public int headSize() {
        return hiddenSize / numHeads;
    }

    /** The same architecture with the dropout rates a trial asks for. */
    @Override
    public EncoderConfig withDropout(Double hidden, Double attention) {
        return new EncoderConfig(modelType, vocabSize, hiddenSize, numLayers, numHeads, intermediateSize, hiddenAct,
                hidden == null ? hiddenDropout : hidden, attention == null ? attentionDropout : attention,
                maxPositions, typeVocabSize, layerNormEps, padTokenId, useTaskId, taskTypeVocabSize);
    }

    @Override
    public String toHuggingFaceJson() {
        var node = Codec.json().createObjectNode();
        String arch = switch (modelType) {
            case "roberta" -> "RobertaModel";
            case "xlm-roberta" -> "XLMRobertaModel";
            case "camembert" -> "CamembertModel";
            case "ernie" -> "ErnieModel";
            default -> "BertModel";
        };
        node.putArray("architectures").add(arch);
        node.put("model_type", modelType);
        node.put("vocab_size", vocabSize);
        node.put("hidden_size", hiddenSize);
        node.put("num_hidden_layers", numLayers);
        node.put("num_attention_heads", numHeads);
        node.put("intermediate_size", intermediateSize);
        node.put("hidden_act", hiddenAct);
        node.put("hidden_dropout_prob", hiddenDropout);
        node.put("attention_probs_dropout_prob", attentionDropout);
        node.put("max_position_embeddings", maxPositions);
        node.put("type_vocab_size", typeVocabSize);
        node.put("layer_norm_eps", layerNormEps);
        node.put("pad_token_id", padTokenId);
        if (modelType.equals("ernie")) {
            node.put("use_task_id", useTaskId);
            node.put("task_type_vocab_size", taskTypeVocabSize);
        }
        node.put("position_embedding_type", "absolute");
        node.put("torch_dtype", "float32");
        try {
            return Codec.json().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
