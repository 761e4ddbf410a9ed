package dev.sweep.worker.train;

/**
 * A plug-in of the training loop: a trick such as FGM, EMA or layer-wise LR decay. The loop
 * knows tricks only through these hooks, called in this order for each optimizer step:
 * {@link #afterBackward} (gradients of the step are in place; an adversarial trick may add more),
 * {@link #acceptStep}, then the optimizer step, then {@link #afterStep}. Around every evaluation it calls
 * {@link #beforeEval} and {@link #afterEval}, so weight-averaging tricks can swap their weights
 * in and out; the best checkpoint is taken between the two.
 */
public interface TrainingHook {
    /** Before the first step and before the optimizer is built: re-initialise or freeze weights here. */
    default void beforeTraining(StepContext context) {}

    /** The optimizer's parameters, as this trick wants them (per-layer learning rates, frozen ones left out). */
    default java.util.List<dev.sweep.worker.optim.TrainableParameter> configureParameters(
            java.util.List<dev.sweep.worker.optim.TrainableParameter> parameters) {
        return parameters;
    }

    /** What a step minimises; a trick may wrap the plain task loss. */
    default Objective objective(Objective inner) {
        return inner;
    }

    /** False for a hook that only evaluates weights it brings (model averaging): the loop then takes no step. */
    default boolean trains() {
        return true;
    }

    /** Micro-batches whose gradients add up before one optimizer step. */
    default int accumulationSteps() {
        return 1;
    }

    /** The learning-rate multiplier for a step, given the schedule's. */
    default double lrFactor(int step, double scheduled) {
        return scheduled;
    }

    /**
     * How a forward and backward pass runs; a hook may wrap it. Mixed precision computes it in half
     * precision with a scaled loss and moves the gradients to the fp32 parameters. Every pass of a
     * step goes through the wrapped pass, the extra ones of adversarial tricks included.
     */
    default Pass wrapPass(Pass inner) {
        return inner;
    }

    default void afterBackward(StepContext context) {}

    /**
     * Before the optimizer step, once all passes of the step ran: false drops the step's gradients
     * and takes no step (mixed precision after a gradient overflow). Every hook is asked.
     */
    default boolean acceptStep(StepContext context) {
        return true;
    }

    default void afterStep(StepContext context) {}

    default void beforeEval(StepContext context) {}

    default void afterEval(StepContext context) {}
}
