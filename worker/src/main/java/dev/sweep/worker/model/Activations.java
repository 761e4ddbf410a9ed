package dev.sweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.sweep.worker.tensor.Scalars;
import java.util.Set;

/** The activations Hugging Face configs name ({@code hidden_act}, {@code conv_act}), as transformers' ACT2FN computes them. */
final class Activations {
    static final Set<String> NAMES = Set.of("gelu", "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "relu", "silu", "swish",
            "tanh");

    private Activations() {}

    static NDArray apply(String name, NDArray x) {
        return switch (name) {
            case "gelu" -> Activation.gelu(x); // the exact erf form, as torch's default
            case "relu" -> Activation.relu(x);
            case "silu", "swish" -> x.mul(Activation.sigmoid(x));
            case "tanh" -> x.tanh();
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> {
                // tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
                NDArray cubic = Scalars.times(Scalars.power(x, 3), 0.044715);
                NDArray inner = Scalars.times(x.add(cubic), Math.sqrt(2 / Math.PI)).tanh();
                yield Scalars.times(x.mul(inner.add(1f)), 0.5);
            }
            default -> throw new IllegalArgumentException("activation must be one of " + new java.util.TreeSet<>(NAMES)
                    + ", but got '" + name + "'");
        };
    }
}
