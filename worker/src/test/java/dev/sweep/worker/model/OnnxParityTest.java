package dev.sweep.worker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The encoder with the embedded weights must compute what ONNX Runtime computes from the same file. */
class OnnxParityTest {
    private static final List<String> SENTENCES = List.of(
            "The quick brown fox jumps over the lazy dog.",
            "Fine-tuning tricks such as FGM and R-Drop change what a model learns.",
            "Hi!");

    private static NDManager manager;
    private static Pretrained pretrained;

    @BeforeAll
    static void load() {
        manager = NDManager.newBaseManager();
        pretrained = Pretrained.embedded();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void lastHiddenStatesMatchOnnxRuntimeWithin1e4() throws Exception {
        long[][] ids;
        long[][] mask;
        long[][] types;
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(
                new ByteArrayInputStream(pretrained.tokenizerJson()),
                Map.of("padding", "longest", "truncation", "true", "maxLength", "64"))) {
            Encoding[] enc = tok.batchEncode(SENTENCES);
            ids = new long[enc.length][];
            mask = new long[enc.length][];
            types = new long[enc.length][];
            for (int i = 0; i < enc.length; i++) {
                ids[i] = enc[i].getIds();
                mask[i] = enc[i].getAttentionMask();
                types[i] = enc[i].getTypeIds();
            }
        }
        assertTrue(mask[2][mask[2].length - 1] == 0, "the short sentence must be padded, so masking is exercised");

        float[][][] expected = runOnnx(ids, mask, types);

        Encoder encoder = Encoder.fromWeights(pretrained.config(), pretrained.weights(), manager, "test");
        try (NDManager scope = manager.newSubManager()) {
            int b = ids.length;
            int t = ids[0].length;
            List<NDArray> hidden = encoder.forward(scope.create(flat(ids), new Shape(b, t)),
                    scope.create(flat(mask), new Shape(b, t)), scope.create(flat(types), new Shape(b, t)), false);
            assertEquals(7, hidden.size(), "embeddings plus six layers");
            float[] actual = hidden.get(6).toFloatArray();
            double maxDiff = 0;
            int h = 384;
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < t; j++) {
                    if (mask[i][j] == 0) {
                        continue; // padded positions are not defined by either implementation
                    }
                    for (int k = 0; k < h; k++) {
                        maxDiff = Math.max(maxDiff, Math.abs(actual[(i * t + j) * h + k] - expected[i][j][k]));
                    }
                }
            }
            assertTrue(maxDiff < 1e-4, "max abs difference to ONNX Runtime was " + maxDiff);
        }
    }

    private static float[][][] runOnnx(long[][] ids, long[][] mask, long[][] types) throws Exception {
        byte[] model;
        try (InputStream in = OnnxParityTest.class.getClassLoader().getResourceAsStream(Pretrained.EMBEDDED_ONNX)) {
            model = in.readAllBytes();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
                OnnxTensor i = OnnxTensor.createTensor(env, ids);
                OnnxTensor m = OnnxTensor.createTensor(env, mask);
                OnnxTensor t = OnnxTensor.createTensor(env, types);
                OrtSession.Result r = session.run(Map.of("input_ids", i, "attention_mask", m, "token_type_ids", t))) {
            return (float[][][]) r.get(0).getValue();
        }
    }

    private static long[] flat(long[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToLong(java.util.Arrays::stream).toArray();
    }
}
