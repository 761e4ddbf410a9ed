package dev.sweep.worker.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the float initializers of an ONNX export of a Hugging Face encoder and gives them their
 * Hugging Face names. Exporters keep the names of biases and embeddings but turn linear weights
 * into anonymous {@code onnx::MatMul_N} initializers stored [in, out]; the graph still ties each
 * one to its layer, because the MatMul's output feeds an Add whose other input is the named bias
 * {@code X.bias}. Such a weight becomes {@code X.weight}, transposed to PyTorch's [out, in].
 */
public final class OnnxWeights {
    // ONNX TensorProto.DataType values
    private static final int FLOAT = 1;
    private static final int FLOAT16 = 10;
    private static final int DOUBLE = 11;
    private static final int BFLOAT16 = 16;

    private OnnxWeights() {}

    private record Node(String opType, List<String> inputs, List<String> outputs) {}

    private record Graph(List<Node> nodes, Map<String, HostTensor> initializers) {}

    /**
     * Returns every float initializer under its Hugging Face name.
     *
     * @throws WeightsException when the file is not an ONNX model, or a MatMul weight cannot be named
     */
    public static Map<String, HostTensor> read(ByteBuffer model, String source) {
        Graph graph;
        try {
            graph = parseModel(model);
        } catch (RuntimeException e) {
            throw new WeightsException(source + ": not a readable ONNX model (" + e.getMessage()
                    + "); the file may be truncated or corrupt", e);
        }
        return name(graph, source);
    }

    private static Map<String, HostTensor> name(Graph graph, String source) {
        Map<String, List<Node>> consumers = new HashMap<>();
        for (Node n : graph.nodes()) {
            for (String in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        Map<String, HostTensor> named = new LinkedHashMap<>();
        TreeSet<String> unnamed = new TreeSet<>();
        for (Map.Entry<String, HostTensor> e : graph.initializers().entrySet()) {
            if (!e.getKey().startsWith("onnx::")) {
                named.put(e.getKey(), e.getValue());
            }
        }
        for (Node n : graph.nodes()) {
            if (!n.opType().equals("MatMul") || n.inputs().size() != 2) {
                continue;
            }
            String weight = n.inputs().get(1);
            HostTensor tensor = graph.initializers().get(weight);
            if (tensor == null || !weight.startsWith("onnx::")) {
                continue;
            }
            String bias = boundBias(n, consumers, graph.initializers());
            if (bias == null) {
                unnamed.add(weight);
                continue;
            }
            String hfName = bias.substring(0, bias.length() - ".bias".length()) + ".weight";
            if (named.containsKey(hfName)) {
                throw new WeightsException(source + ": two MatMul weights map to " + hfName
                        + "; the graph is not a plain encoder export");
            }
            named.put(hfName, tensor.transposed(hfName));
        }
        if (!unnamed.isEmpty()) {
            throw new WeightsException(source + ": cannot name MatMul weights " + unnamed
                    + ": their output does not feed an Add with a named '.bias'; export the model with biases or use safetensors");
        }
        return named;
    }

    /** The named bias added to this MatMul's output, or null. */
    private static String boundBias(Node matMul, Map<String, List<Node>> consumers, Map<String, HostTensor> inits) {
        for (Node add : consumers.getOrDefault(matMul.outputs().get(0), List.of())) {
            if (!add.opType().equals("Add")) {
                continue;
            }
            for (String in : add.inputs()) {
                if (!in.equals(matMul.outputs().get(0)) && in.endsWith(".bias") && inits.containsKey(in)) {
                    return in;
                }
            }
        }
        return null;
    }

    private static Graph parseModel(ByteBuffer model) {
        Protobuf p = new Protobuf(model);
        while (p.next()) {
            if (p.field() == 7 && p.wireType() == Protobuf.LENGTH_DELIMITED) {
                return parseGraph(p.bytes());
            }
            p.skip();
        }
        throw new IllegalStateException("no graph in the model");
    }

    private static Graph parseGraph(ByteBuffer bytes) {
        Protobuf p = new Protobuf(bytes);
        List<Node> nodes = new ArrayList<>();
        Map<String, HostTensor> inits = new LinkedHashMap<>();
        while (p.next()) {
            if (p.field() == 1 && p.wireType() == Protobuf.LENGTH_DELIMITED) {
                nodes.add(parseNode(p.bytes()));
            } else if (p.field() == 5 && p.wireType() == Protobuf.LENGTH_DELIMITED) {
                HostTensor t = parseTensor(p.bytes());
                if (t != null) {
                    inits.put(t.name(), t);
                }
            } else {
                p.skip();
            }
        }
        return new Graph(nodes, inits);
    }

    private static Node parseNode(ByteBuffer bytes) {
        Protobuf p = new Protobuf(bytes);
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String op = "";
        while (p.next()) {
            switch (p.field()) {
                case 1 -> inputs.add(p.string());
                case 2 -> outputs.add(p.string());
                case 4 -> op = p.string();
                default -> p.skip();
            }
        }
        return new Node(op, inputs, outputs);
    }

    /** A float initializer as fp32, or null for integer tensors (position ids and the like). */
    private static HostTensor parseTensor(ByteBuffer bytes) {
        Protobuf p = new Protobuf(bytes);
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        ByteBuffer raw = null;
        ByteBuffer floatData = null;
        while (p.next()) {
            switch (p.field()) {
                case 1 -> {
                    if (p.wireType() == Protobuf.LENGTH_DELIMITED) {
                        Protobuf packed = new Protobuf(p.bytes());
                        while (packed.hasMore()) {
                            dims.add(packed.varint());
                        }
                    } else {
                        dims.add(p.varint());
                    }
                }
                case 2 -> dataType = (int) p.varint();
                case 4 -> floatData = p.wireType() == Protobuf.LENGTH_DELIMITED ? p.bytes() : skipAndNull(p);
                case 8 -> name = p.string();
                case 9 -> raw = p.bytes();
                case 14 -> {
                    if (p.varint() == 1) {
                        throw new IllegalStateException("tensor " + name + " keeps its data in an external file");
                    }
                }
                default -> p.skip();
            }
        }
        if (dataType != FLOAT && dataType != FLOAT16 && dataType != BFLOAT16 && dataType != DOUBLE) {
            return null;
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        ByteBuffer data = raw != null ? raw : floatData;
        if (data == null) {
            data = ByteBuffer.allocate(0);
        }
        return new HostTensor(name, shape, toFloats(data.order(ByteOrder.LITTLE_ENDIAN), dataType, name));
    }

    private static ByteBuffer skipAndNull(Protobuf p) {
        p.skip();
        return null;
    }

    private static float[] toFloats(ByteBuffer data, int dataType, String name) {
        switch (dataType) {
            case FLOAT -> {
                FloatBuffer fb = data.asFloatBuffer();
                float[] out = new float[fb.remaining()];
                fb.get(out);
                return out;
            }
            case DOUBLE -> {
                float[] out = new float[data.remaining() / 8];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) data.getDouble(i * 8);
                }
                return out;
            }
            case FLOAT16, BFLOAT16 -> {
                float[] out = new float[data.remaining() / 2];
                for (int i = 0; i < out.length; i++) {
                    short s = data.getShort(i * 2);
                    out[i] = dataType == FLOAT16 ? HalfFloats.fp16ToFloat(s) : HalfFloats.bf16ToFloat(s);
                }
                return out;
            }
            default -> throw new IllegalStateException("tensor " + name + " has unsupported data type " + dataType);
        }
    }
}
