package dev.sweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import dev.sweep.worker.model.weights.HostTensor;
import dev.sweep.worker.model.weights.WeightsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import dev.sweep.worker.tensor.Scalars;

/**
 * A BERT-family encoder (BERT, RoBERTa, XLM-R, MiniLM, BGE) written with DJL's operators and
 * {@link Parameter}s under Hugging Face's names, so pretrained weights load one to one and a
 * saved model loads back into transformers. DJL's own {@code BertBlock} cannot serve: it
 * normalises with BatchNorm, names parameters its own way, and fixes dropout at 0.1.
 *
 * <p>Every operation takes an activation as its first operand, so its result lands in the
 * manager of the batch (the caller's per-step scope) and never in the model's own manager.
 */
public final class BertEncoder implements Encoder {
    private static final float MASKED_SCORE = -1e9f;

    private final EncoderConfig config;
    private final Map<String, Parameter> parameters;
    private ParameterArrays arrays = new ParameterArrays();

    private BertEncoder(EncoderConfig config, Map<String, Parameter> parameters) {
        this.config = config;
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /** The parameter names and shapes this config needs, in Hugging Face's order. */
    public static Map<String, long[]> expectedShapes(EncoderConfig c) {
        long h = c.hiddenSize();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("embeddings.word_embeddings.weight", new long[] {c.vocabSize(), h});
        shapes.put("embeddings.position_embeddings.weight", new long[] {c.maxPositions(), h});
        shapes.put("embeddings.token_type_embeddings.weight", new long[] {c.typeVocabSize(), h});
        if (c.useTaskId()) {
            shapes.put("embeddings.task_type_embeddings.weight", new long[] {c.taskTypeVocabSize(), h});
        }
        shapes.put("embeddings.LayerNorm.weight", new long[] {h});
        shapes.put("embeddings.LayerNorm.bias", new long[] {h});
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "encoder.layer." + i + ".";
            for (String proj : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense")) {
                shapes.put(p + proj + ".weight", new long[] {h, h});
                shapes.put(p + proj + ".bias", new long[] {h});
            }
            shapes.put(p + "attention.output.LayerNorm.weight", new long[] {h});
            shapes.put(p + "attention.output.LayerNorm.bias", new long[] {h});
            shapes.put(p + "intermediate.dense.weight", new long[] {c.intermediateSize(), h});
            shapes.put(p + "intermediate.dense.bias", new long[] {c.intermediateSize()});
            shapes.put(p + "output.dense.weight", new long[] {h, c.intermediateSize()});
            shapes.put(p + "output.dense.bias", new long[] {h});
            shapes.put(p + "output.LayerNorm.weight", new long[] {h});
            shapes.put(p + "output.LayerNorm.bias", new long[] {h});
        }
        return shapes;
    }

    /**
     * Builds the encoder from pretrained tensors. Names may carry a model prefix ({@code bert.},
     * {@code roberta.}) and old LayerNorm names ({@code gamma}, {@code beta}); tensors the encoder
     * does not use (a pooler, a task head) are ignored.
     *
     * @throws WeightsException naming every missing tensor, or the first one of the wrong shape
     */
    public static BertEncoder fromWeights(EncoderConfig config, Map<String, HostTensor> weights, NDManager manager,
            String source) {
        Map<String, Parameter> params = EncoderWeights.load(expectedShapes(config), weights, BertEncoder::canonicalName,
                manager, source);
        return new BertEncoder(config, params);
    }

    /** A randomly initialised encoder, as Hugging Face initialises one (normal 0.02, LayerNorm 1/0). */
    public static BertEncoder random(EncoderConfig config, NDManager manager, long seed) {
        return fromWeights(config, randomWeights(expectedShapes(config), seed), manager, "random init");
    }

    /** Hugging Face's initialisation of these shapes: normal 0.02, LayerNorm weights 1, biases 0. */
    static Map<String, HostTensor> randomWeights(Map<String, long[]> shapes, long seed) {
        Random rng = new Random(seed);
        Map<String, HostTensor> weights = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            int n = (int) Arrays.stream(e.getValue()).reduce(1, Math::multiplyExact);
            float[] data = new float[n];
            String name = e.getKey();
            if (name.endsWith("LayerNorm.weight")) {
                Arrays.fill(data, 1f);
            } else if (!name.endsWith(".bias")) {
                for (int i = 0; i < n; i++) {
                    data[i] = (float) (rng.nextGaussian() * 0.02);
                }
            }
            weights.put(name, new HostTensor(name, e.getValue(), data));
        }
        return weights;
    }

    static String canonicalName(String name) {
        String n = name;
        for (String prefix : List.of("bert.", "roberta.", "xlm-roberta.", "ernie.", "model.", "encoder.encoder.")) {
            if (n.startsWith(prefix) && (n.startsWith(prefix + "embeddings.") || n.startsWith(prefix + "encoder."))) {
                n = n.substring(prefix.length());
                break;
            }
        }
        if (n.endsWith("LayerNorm.gamma")) {
            n = n.substring(0, n.length() - "gamma".length()) + "weight";
        } else if (n.endsWith("LayerNorm.beta")) {
            n = n.substring(0, n.length() - "beta".length()) + "bias";
        }
        return n;
    }

    static Parameter parameter(String name, NDArray array) {
        Parameter.Type type = name.endsWith("LayerNorm.weight") ? Parameter.Type.GAMMA
                : name.endsWith("LayerNorm.bias") ? Parameter.Type.BETA
                : name.endsWith(".bias") ? Parameter.Type.BIAS
                : Parameter.Type.WEIGHT;
        return Parameters.trainable(name, type, array);
    }

    @Override
    public EncoderConfig config() {
        return config;
    }

    @Override
    public OptionalInt layerOf(String name) {
        return parameters.containsKey(name) ? layerOfName(name) : OptionalInt.empty();
    }

    /** The layer of a name in BERT's layout: the embeddings, {@code encoder.layer.N.}, or none (a head's). */
    public static OptionalInt layerOfName(String name) {
        return name.startsWith("embeddings.") ? OptionalInt.of(EMBEDDINGS) : Encoder.numberedLayer(name);
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return parameters;
    }

    @Override
    public void computeWith(ParameterArrays source) {
        this.arrays = source;
    }

    private NDArray w(String name) {
        return arrays.of(parameters.get(name));
    }

    @Override
    public List<NDArray> forward(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds, boolean training) {
        return forward(inputIds, attentionMask, tokenTypeIds, null, training);
    }

    /**
     * As {@link #forward(NDArray, NDArray, NDArray, boolean)} with ERNIE's task-type ids (null: all
     * 0, as transformers' ErnieModel takes them when none are given, which is how fine-tuning runs).
     */
    public List<NDArray> forward(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds, NDArray taskTypeIds,
            boolean training) {
        List<NDArray> hidden = new ArrayList<>(config.numLayers() + 1);
        NDArray x = embed(inputIds, attentionMask, tokenTypeIds, taskTypeIds, training);
        hidden.add(x);
        long batch = inputIds.getShape().get(0);
        long tokens = inputIds.getShape().get(1);
        // additive mask: 0 where attended, a large negative number on padding, in the activations' type
        DataType type = arrays.computeType();
        float masked = ParameterArrays.withinRange(MASKED_SCORE, type);
        NDArray maskBias = Scalars.times(attentionMask.toType(DataType.FLOAT32, false).sub(1f), -masked)
                .toType(type, false).reshape(batch, 1, 1, tokens);
        for (int i = 0; i < config.numLayers(); i++) {
            x = layer(i, x, maskBias, training);
            hidden.add(x);
        }
        return hidden;
    }

    private NDArray embed(NDArray ids, NDArray mask, NDArray types, NDArray taskTypes, boolean training) {
        long tokens = ids.getShape().get(1);
        if (tokens > config.maxPositions() - config.positionOffset()) {
            throw new IllegalArgumentException("sequence of " + tokens + " tokens exceeds max_position_embeddings "
                    + config.maxPositions() + "; lower task.max_length");
        }
        NDManager scope = ids.getManager();
        NDArray positions;
        if (config.usesPaddingAwarePositions()) {
            // RoBERTa numbers real tokens from pad_token_id + 1 and gives padding pad_token_id
            positions = mask.cumSum(1).mul(mask).add(config.padTokenId());
        } else {
            positions = scope.arange(0, (int) tokens, 1, DataType.INT64).reshape(1, tokens);
        }
        NDArray typeIds = types != null ? types : scope.zeros(ids.getShape(), DataType.INT64);
        NDArray x = lookup(ids, "embeddings.word_embeddings.weight")
                .add(lookup(positions, "embeddings.position_embeddings.weight"))
                .add(lookup(typeIds, "embeddings.token_type_embeddings.weight"));
        if (config.useTaskId()) {
            NDArray taskIds = taskTypes != null ? taskTypes : scope.zeros(ids.getShape(), DataType.INT64);
            x = x.add(lookup(taskIds, "embeddings.task_type_embeddings.weight"));
        }
        x = norm(x, "embeddings.LayerNorm");
        return dropout(x, config.hiddenDropout(), training);
    }

    private NDArray lookup(NDArray ids, String table) {
        NDList out = ids.getNDArrayInternal().embedding(ids, w(table), SparseFormat.DENSE);
        return out.singletonOrThrow();
    }

    private NDArray layer(int i, NDArray x, NDArray maskBias, boolean training) {
        String p = "encoder.layer." + i + ".";
        long batch = x.getShape().get(0);
        long tokens = x.getShape().get(1);
        int heads = config.numHeads();
        int size = config.headSize();
        // scale q before the product: cheaper on [B,T,H] than on the [B,heads,T,T] scores
        NDArray q = splitHeads(Scalars.times(linear(x, p + "attention.self.query"), 1 / Math.sqrt(size)), heads);
        NDArray k = splitHeads(linear(x, p + "attention.self.key"), heads);
        NDArray v = splitHeads(linear(x, p + "attention.self.value"), heads);
        NDArray probs = q.matMul(k.transpose(0, 1, 3, 2)).add(maskBias).softmax(-1);
        probs = dropout(probs, config.attentionDropout(), training);
        NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, (long) heads * size);
        NDArray attended = dropout(linear(context, p + "attention.output.dense"), config.hiddenDropout(), training);
        attended = norm(attended.add(x), p + "attention.output.LayerNorm");
        NDArray inner = activation(linear(attended, p + "intermediate.dense"));
        NDArray out = dropout(linear(inner, p + "output.dense"), config.hiddenDropout(), training);
        return norm(out.add(attended), p + "output.LayerNorm");
    }

    private static NDArray splitHeads(NDArray x, int heads) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
    }

    private NDArray linear(NDArray x, String name) {
        return Linear.linear(x, w(name + ".weight"), w(name + ".bias")).singletonOrThrow();
    }

    private NDArray norm(NDArray x, String name) {
        return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), w(name + ".weight"), w(name + ".bias"),
                config.layerNormEps().floatValue()).singletonOrThrow();
    }

    private static NDArray dropout(NDArray x, double rate, boolean training) {
        if (!training || rate == 0) {
            return x; // the op is a copy when off; skipping it saves a pass over the activations
        }
        return Dropout.dropout(x, (float) rate, true).singletonOrThrow();
    }

    private NDArray activation(NDArray x) {
        return Activations.apply(config.hiddenAct(), x);
    }
}
