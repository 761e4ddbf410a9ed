package dev.sweep.worker.tricks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.sweep.worker.model.ParameterArrays;
import dev.sweep.worker.train.Pass;
import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.TrainingSetup;
import dev.sweep.worker.train.ObjectivePolicy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import dev.sweep.worker.tensor.Scalars;

/**
 * Mixed precision ({@code amp}) with fp32 master weights and dynamic loss scaling, as
 * {@code torch.cuda.amp} with {@code GradScaler} gives it, built by hand: DJL has no autocast, and
 * its {@code toType} is not differentiable, so no cast can sit inside the graph.
 *
 * <p>For every pass the fp32 parameters are copied to fp16 leaves that the forward pass reads
 * instead (through {@link ParameterArrays}); the loss is multiplied by the scale S before the
 * backward pass; the fp16 gradients, divided by S, are added to the fp32 parameters' gradients.
 * The optimizer, clipping, EMA, SWA and checkpoints see only the fp32 weights, and evaluation runs
 * in fp32. A step whose gradients overflowed is dropped and S halves; after {@code growth_interval}
 * steps without overflow S doubles. Predictions are promoted to fp32 before the loss.
 */
final class MixedPrecision implements TrainingSetup, ObjectivePolicy {
    static final DataType HALF = DataType.FLOAT16;
    private final int growthInterval;
    private final NDManager manager;
    private double scale;
    private boolean overflowed;
    private int goodSteps;
    private int overflows;
    private List<Parameter> parameters;
    private ParameterArrays arrays;

    MixedPrecision(double initialScale, int growthInterval, NDManager manager) {
        this.scale = initialScale;
        this.growthInterval = growthInterval;
        this.manager = manager;
    }

    double scale() {
        return scale;
    }

    /** Steps dropped because their gradients overflowed. */
    int overflows() {
        return overflows;
    }

    @Override
    public void beforeTraining(StepContext context) {
        parameters = List.copyOf(context.model().namedParameters().values());
        arrays = context.model().arrays();
        giveGradients(parameters);
    }

    /**
     * The fp32 weights never take part in a backward pass, so libtorch would not allocate their
     * gradients (DJL's getGradient then hands out a detached array of zeros): a backward pass
     * through 0 * sum(w) allocates them, as zeros.
     */
    private void giveGradients(List<Parameter> all) {
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray total = null;
            for (Parameter p : all) {
                if (p.getArray().hasGradient()) {
                    NDArray zero = Scalars.times(p.getArray().sum(), 0);
                    zero.attach(scope);
                    total = total == null ? zero : total.add(zero);
                    total.attach(scope);
                }
            }
            if (total != null) {
                collector.backward(total);
            }
        }
    }

    @Override
    public Pass pass(Pass inner) {
        return (batch, lossScale) -> {
            try (NDManager scope = manager.newSubManager()) {
                Map<Parameter, NDArray> halves = new IdentityHashMap<>();
                for (Parameter p : parameters) {
                    NDArray half = p.getArray().toType(HALF, true);
                    half.attach(scope);
                    half.setRequiresGradient(p.getArray().hasGradient());
                    halves.put(p, half);
                }
                float value;
                arrays.substitute(halves, HALF);
                try {
                    value = inner.run(batch, (float) (lossScale * scale));
                } finally {
                    arrays.restore();
                }
                overflowed |= !unscaleInto(halves, scope);
                return value;
            }
        };
    }

    /** Adds each fp16 gradient divided by S to its fp32 parameter's gradient; false when any is not finite. */
    private boolean unscaleInto(Map<Parameter, NDArray> halves, NDManager scope) {
        float inverse = (float) (1 / scale);
        List<NDArray> sums = new ArrayList<>();
        for (Parameter p : parameters) {
            NDArray master = p.getArray();
            if (!master.hasGradient()) {
                continue;
            }
            NDArray g = master.getGradient();
            g.attach(scope);
            NDArray halfGradient = halves.get(p).getGradient();
            halfGradient.attach(scope);
            NDArray unscaled = Scalars.times(halfGradient.toType(DataType.FLOAT32, false), inverse);
            unscaled.attach(scope);
            g.addi(unscaled);
            NDArray sum = unscaled.sum();
            sum.attach(scope);
            sums.add(sum);
        }
        if (sums.isEmpty()) {
            return true;
        }
        // one host sync for all tensors: a sum is finite only if every element is
        NDArray total = NDArrays.stack(new NDList(sums)).sum();
        total.attach(scope);
        return Float.isFinite(total.getFloat());
    }

    @Override
    public boolean acceptStep(StepContext context) {
        if (overflowed) {
            overflowed = false;
            overflows++;
            goodSteps = 0;
            scale /= 2;
            return false;
        }
        if (++goodSteps == growthInterval) {
            goodSteps = 0;
            scale *= 2;
        }
        return true;
    }
}
