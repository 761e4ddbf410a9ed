package dev.sweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import dev.sweep.worker.model.weights.HostTensor;
import dev.sweep.worker.model.weights.WeightsException;
import dev.sweep.worker.tensor.Scalars;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * DeBERTa-v2 and DeBERTa-v3 (Hugging Face's {@code DebertaV2Model}) written with DJL's operators
 * under Hugging Face's parameter names: disentangled attention, where each score adds to
 * content-to-content a content-to-position term (c2p: the query against the projected relative
 * position embedding of the query-key distance) and a position-to-content term (p2c: the key
 * against the projected embedding of the key-query distance), each divided by
 * sqrt(head_size x number of terms); relative distances optionally mapped to log buckets; the
 * shared relative-position table normalised by {@code encoder.LayerNorm}; and v2's convolution
 * after the first layer.
 *
 * <p>Results of operations on a parameter (the relative-position table) or on the cached index
 * tables would land in the model's manager and pile up there step after step, so they are
 * attached to the batch's scope, as every other activation is.
 */
public final class DebertaV2Encoder implements Encoder {
    private final DebertaV2Config config;
    private final Map<String, Parameter> parameters;
    private final NDManager manager;
    private ParameterArrays arrays = new ParameterArrays();
    /** c2p and p2c gather indices for distances in [0, cachedTokens), in libtorch-owned memory; see {@link #indices}. */
    private NDArray c2pIndex;
    private NDArray p2cIndex;
    private int cachedTokens;

    private DebertaV2Encoder(DebertaV2Config config, Map<String, Parameter> parameters, NDManager manager) {
        this.config = config;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.manager = manager;
    }

    /** The parameter names and shapes this config needs, in Hugging Face's order. */
    public static Map<String, long[]> expectedShapes(DebertaV2Config c) {
        long h = c.hiddenSize();
        long e = c.embeddingSize();
        long a = c.allHeadSize();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("embeddings.word_embeddings.weight", new long[] {c.vocabSize(), e});
        if (c.positionBiasedInput()) {
            shapes.put("embeddings.position_embeddings.weight", new long[] {c.maxPositions(), e});
        }
        if (c.typeVocabSize() > 0) {
            shapes.put("embeddings.token_type_embeddings.weight", new long[] {c.typeVocabSize(), e});
        }
        if (e != h) {
            shapes.put("embeddings.embed_proj.weight", new long[] {h, e});
        }
        shapes.put("embeddings.LayerNorm.weight", new long[] {h});
        shapes.put("embeddings.LayerNorm.bias", new long[] {h});
        DebertaV2Config.Relative r = c.relative();
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "encoder.layer." + i + ".";
            List<String> projections = new ArrayList<>(List.of("query_proj", "key_proj", "value_proj"));
            if (r.enabled() && !r.shareAttKey()) {
                if (r.c2p()) {
                    projections.add("pos_key_proj");
                }
                if (r.p2c()) {
                    projections.add("pos_query_proj");
                }
            }
            for (String proj : projections) {
                shapes.put(p + "attention.self." + proj + ".weight", new long[] {a, h});
                shapes.put(p + "attention.self." + proj + ".bias", new long[] {a});
            }
            shapes.put(p + "attention.output.dense.weight", new long[] {h, a});
            shapes.put(p + "attention.output.dense.bias", new long[] {h});
            shapes.put(p + "attention.output.LayerNorm.weight", new long[] {h});
            shapes.put(p + "attention.output.LayerNorm.bias", new long[] {h});
            shapes.put(p + "intermediate.dense.weight", new long[] {c.intermediateSize(), h});
            shapes.put(p + "intermediate.dense.bias", new long[] {c.intermediateSize()});
            shapes.put(p + "output.dense.weight", new long[] {h, c.intermediateSize()});
            shapes.put(p + "output.dense.bias", new long[] {h});
            shapes.put(p + "output.LayerNorm.weight", new long[] {h});
            shapes.put(p + "output.LayerNorm.bias", new long[] {h});
        }
        if (r.enabled()) {
            shapes.put("encoder.rel_embeddings.weight", new long[] {2L * r.span(), h});
            if (r.normalised()) {
                shapes.put("encoder.LayerNorm.weight", new long[] {h});
                shapes.put("encoder.LayerNorm.bias", new long[] {h});
            }
        }
        if (c.conv().present()) {
            shapes.put("encoder.conv.conv.weight", new long[] {h, h / c.conv().groups(), c.conv().kernelSize()});
            shapes.put("encoder.conv.conv.bias", new long[] {h});
            shapes.put("encoder.conv.LayerNorm.weight", new long[] {h});
            shapes.put("encoder.conv.LayerNorm.bias", new long[] {h});
        }
        return shapes;
    }

    /**
     * Builds the encoder from pretrained tensors. Names may carry the {@code deberta.} prefix of
     * Hugging Face's task models; tensors the encoder does not use (an LM head, a pooler) are ignored.
     *
     * @throws WeightsException naming every missing tensor, or the first one of the wrong shape
     */
    public static DebertaV2Encoder fromWeights(DebertaV2Config config, Map<String, HostTensor> weights,
            NDManager manager, String source) {
        Map<String, Parameter> params = EncoderWeights.load(expectedShapes(config), weights,
                DebertaV2Encoder::canonicalName, manager, source);
        return new DebertaV2Encoder(config, params, manager);
    }

    /** A randomly initialised encoder, as Hugging Face initialises one (normal 0.02, LayerNorm 1/0). */
    public static DebertaV2Encoder random(DebertaV2Config config, NDManager manager, long seed) {
        return fromWeights(config, BertEncoder.randomWeights(expectedShapes(config), seed), manager, "random init");
    }

    static String canonicalName(String name) {
        String prefix = "deberta.";
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    @Override
    public DebertaV2Config config() {
        return config;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return parameters;
    }

    @Override
    public void computeWith(ParameterArrays source) {
        this.arrays = source;
    }

    /**
     * The relative-position table and its normalisation serve every layer, as BERT's position
     * embeddings do, so they count with the embeddings; the convolution runs on layer 0's output
     * and counts with layer 0.
     */
    @Override
    public OptionalInt layerOf(String name) {
        if (!parameters.containsKey(name)) {
            return OptionalInt.empty();
        }
        if (name.startsWith("embeddings.") || name.startsWith("encoder.rel_embeddings.")
                || name.startsWith("encoder.LayerNorm.")) {
            return OptionalInt.of(EMBEDDINGS);
        }
        if (name.startsWith("encoder.conv.")) {
            return OptionalInt.of(0);
        }
        return Encoder.numberedLayer(name);
    }

    private NDArray w(String name) {
        return arrays.of(parameters.get(name));
    }

    @Override
    public List<NDArray> forward(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds, boolean training) {
        NDManager scope = inputIds.getManager();
        long batch = inputIds.getShape().get(0);
        int tokens = Math.toIntExact(inputIds.getShape().get(1));
        DataType type = arrays.computeType();
        NDArray floatMask = attentionMask.toType(type, false).expandDims(-1); // [B, T, 1]
        // a score counts where both the query and the key are real tokens; a padded query's row is
        // all masked and its softmax uniform, as in transformers
        NDArray pairMask = attentionMask.reshape(batch, 1, tokens, 1).mul(attentionMask.reshape(batch, 1, 1, tokens))
                .toType(DataType.BOOLEAN, false).broadcast(batch, config.numHeads(), tokens, tokens); // where() needs the full shape
        List<NDArray> hidden = new ArrayList<>(config.numLayers() + 1);
        NDArray embedded = embed(inputIds, tokenTypeIds, floatMask, training);
        hidden.add(embedded);
        NDArray rel = null;
        NDArray[] index = null;
        if (config.relative().enabled()) {
            rel = relativeEmbeddings(scope);
            index = indices(tokens, batch, scope);
        }
        NDArray x = embedded;
        for (int i = 0; i < config.numLayers(); i++) {
            x = layer(i, x, pairMask, rel, index, training);
            if (i == 0 && config.conv().present()) {
                x = conv(embedded, x, floatMask, training);
            }
            hidden.add(x);
        }
        return hidden;
    }

    private NDArray embed(NDArray ids, NDArray types, NDArray floatMask, boolean training) {
        NDManager scope = ids.getManager();
        long tokens = ids.getShape().get(1);
        NDArray x = lookup(ids, "embeddings.word_embeddings.weight");
        if (config.positionBiasedInput()) {
            if (tokens > config.maxPositions()) {
                throw new IllegalArgumentException("sequence of " + tokens + " tokens exceeds max_position_embeddings "
                        + config.maxPositions() + "; lower task.max_length");
            }
            x = x.add(lookup(scope.arange(0, (int) tokens, 1, DataType.INT64).reshape(1, tokens),
                    "embeddings.position_embeddings.weight"));
        }
        if (config.typeVocabSize() > 0) {
            x = x.add(lookup(types != null ? types : scope.zeros(ids.getShape(), DataType.INT64),
                    "embeddings.token_type_embeddings.weight"));
        }
        if (config.embeddingSize() != config.hiddenSize()) {
            x = Linear.linear(x, w("embeddings.embed_proj.weight")).singletonOrThrow();
        }
        x = norm(x, "embeddings.LayerNorm").mul(floatMask);
        return dropout(x, config.hiddenDropout(), training);
    }

    /** The relative-position table, through {@code encoder.LayerNorm} when the config says so, in the batch's scope. */
    private NDArray relativeEmbeddings(NDManager scope) {
        NDArray table = w("encoder.rel_embeddings.weight");
        if (!config.relative().normalised()) {
            return table;
        }
        NDArray normed = norm(table, "encoder.LayerNorm");
        normed.attach(scope);
        return normed;
    }

    private NDArray layer(int i, NDArray x, NDArray pairMask, NDArray rel, NDArray[] index, boolean training) {
        String p = "encoder.layer." + i + ".";
        long batch = x.getShape().get(0);
        long tokens = x.getShape().get(1);
        int heads = config.numHeads();
        DebertaV2Config.Relative r = config.relative();
        double scale = Math.sqrt((double) config.headSize() * r.scaleFactor());
        NDArray q = splitHeads(linear(x, p + "attention.self.query_proj"), heads);
        NDArray k = splitHeads(linear(x, p + "attention.self.key_proj"), heads);
        NDArray v = splitHeads(linear(x, p + "attention.self.value_proj"), heads);
        // as transformers does: the key divided by the scale, then the product
        NDArray scores = q.matMul(Scalars.dividedBy(k, scale).transpose(0, 1, 3, 2));
        if (r.enabled()) {
            scores = scores.add(relativeScores(p, q, k, rel, index, scale, training));
        }
        NDArray probs;
        try (NDArray lowest = Scalars.constant(scores, ParameterArrays.withinRange(-Float.MAX_VALUE, scores.getDataType()))) {
            probs = NDArrays.where(pairMask, scores, lowest).softmax(-1);
        }
        probs = dropout(probs, config.attentionDropout(), training);
        NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, config.allHeadSize());
        NDArray attended = dropout(linear(context, p + "attention.output.dense"), config.hiddenDropout(), training);
        attended = norm(attended.add(x), p + "attention.output.LayerNorm");
        NDArray inner = Activations.apply(config.hiddenAct(), linear(attended, p + "intermediate.dense"));
        NDArray out = dropout(linear(inner, p + "output.dense"), config.hiddenDropout(), training);
        return norm(out.add(attended), p + "output.LayerNorm");
    }

    /** c2p + p2c, each [B, heads, T, T] and divided by the scale. */
    private NDArray relativeScores(String p, NDArray q, NDArray k, NDArray rel, NDArray[] index, double scale,
            boolean training) {
        DebertaV2Config.Relative r = config.relative();
        NDManager scope = q.getManager();
        NDArray table = dropout(rel, config.hiddenDropout(), training);
        if (table != rel) {
            table.attach(scope);
        }
        String self = p + "attention.self.";
        NDArray score = null;
        if (r.c2p()) {
            NDArray posKey = positionHeads(table, self + (r.shareAttKey() ? "key_proj" : "pos_key_proj"), scope);
            NDArray c2p = q.matMul(posKey.transpose(0, 1, 3, 2)).gather(index[0], 3); // [B, h, T(q), T(k)]
            score = Scalars.dividedBy(c2p, scale);
        }
        if (r.p2c()) {
            NDArray posQuery = positionHeads(table, self + (r.shareAttKey() ? "query_proj" : "pos_query_proj"), scope);
            // row = key, column = query, then transposed to [B, h, T(q), T(k)]
            NDArray p2c = k.matMul(posQuery.transpose(0, 1, 3, 2)).gather(index[1], 3).transpose(0, 1, 3, 2);
            NDArray term = Scalars.dividedBy(p2c, scale);
            score = score == null ? term : score.add(term);
        }
        return score;
    }

    /** A projection of the relative-position table split into heads: [1, heads, 2 x span, head size]. */
    private NDArray positionHeads(NDArray table, String projection, NDManager scope) {
        NDArray projected = linear(table, projection);
        projected.attach(scope); // the table may be the parameter itself (no norm, no dropout)
        long rows = projected.getShape().get(0);
        return projected.reshape(1, rows, config.numHeads(), config.headSize()).transpose(0, 2, 1, 3);
    }

    /**
     * The gather indices of c2p and p2c for {@code tokens} tokens, broadcast to [B, heads, T, T].
     * An index depends only on the query-key distance, so a table built once for the longest batch
     * seen serves every shorter one through its top-left corner. It is built in Java, copied into
     * libtorch-owned memory at once (docs/memory-safety.md), and kept for the encoder's life.
     */
    private NDArray[] indices(int tokens, long batch, NDManager scope) {
        if (tokens > cachedTokens) {
            long[][] tables = RelativePositions.gatherIndices(tokens, config.relative());
            NDArray c2p = ownedIndex(tables[0], tokens);
            NDArray p2c = ownedIndex(tables[1], tokens);
            if (c2pIndex != null) {
                c2pIndex.close();
                p2cIndex.close();
            }
            c2pIndex = c2p;
            p2cIndex = p2c;
            cachedTokens = tokens;
        }
        Shape shape = new Shape(batch, config.numHeads(), tokens, tokens);
        NDArray[] out = new NDArray[2];
        NDArray[] cached = {c2pIndex, p2cIndex};
        for (int i = 0; i < 2; i++) {
            NDArray corner = cached[i].get(new NDIndex(":{}, :{}", tokens, tokens));
            corner.attach(scope);
            out[i] = corner.broadcast(shape);
        }
        return out;
    }

    private NDArray ownedIndex(long[] values, int tokens) {
        try (NDArray staged = manager.create(values, new Shape(tokens, tokens))) {
            return staged.duplicate();
        }
    }

    /** DeBERTa-v2's ConvLayer: conv over the embeddings' output, masked, activated, added to layer 0's output, normalised. */
    private NDArray conv(NDArray embedded, NDArray residual, NDArray floatMask, boolean training) {
        DebertaV2Config.Conv c = config.conv();
        NDArray out = Conv1d.conv1d(embedded.transpose(0, 2, 1), w("encoder.conv.conv.weight"), w("encoder.conv.conv.bias"),
                new Shape(1), new Shape((c.kernelSize() - 1) / 2), new Shape(1), c.groups()).singletonOrThrow()
                .transpose(0, 2, 1);
        out = Activations.apply(c.act(), dropout(out.mul(floatMask), config.hiddenDropout(), training));
        return norm(residual.add(out), "encoder.conv.LayerNorm").mul(floatMask);
    }

    private static NDArray splitHeads(NDArray x, int heads) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
    }

    private NDArray lookup(NDArray ids, String table) {
        NDList out = ids.getNDArrayInternal().embedding(ids, w(table), SparseFormat.DENSE);
        return out.singletonOrThrow();
    }

    private NDArray linear(NDArray x, String name) {
        return Linear.linear(x, w(name + ".weight"), w(name + ".bias")).singletonOrThrow();
    }

    private NDArray norm(NDArray x, String name) {
        return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), w(name + ".weight"), w(name + ".bias"),
                (float) config.layerNormEps()).singletonOrThrow();
    }

    private static NDArray dropout(NDArray x, double rate, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        return Dropout.dropout(x, (float) rate, true).singletonOrThrow();
    }
}
