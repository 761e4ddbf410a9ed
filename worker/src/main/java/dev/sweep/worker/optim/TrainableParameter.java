package dev.sweep.worker.optim;

import ai.djl.nn.Parameter;

/**
 * A parameter as the optimizer sees it: its own base learning rate (layer-wise decay changes it)
 * and its own weight decay (zero for biases and LayerNorm weights).
 */
public record TrainableParameter(String name, Parameter parameter, double lr, double weightDecay) {
    public TrainableParameter {
        if (!(lr >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("parameter " + name + ": lr and weight decay must be >= 0, but got lr="
                    + lr + ", weight_decay=" + weightDecay);
        }
    }

    /** Hugging Face's rule: no weight decay on biases and LayerNorm weights. */
    public static boolean decays(String name, Parameter.Type type) {
        if (type == Parameter.Type.BIAS || type == Parameter.Type.GAMMA || type == Parameter.Type.BETA) {
            return false;
        }
        return !(name.endsWith(".bias") || name.endsWith("LayerNorm.weight") || name.endsWith("LayerNorm.bias"));
    }

    public TrainableParameter withLr(double newLr) {
        return new TrainableParameter(name, parameter, newLr, weightDecay);
    }
}
