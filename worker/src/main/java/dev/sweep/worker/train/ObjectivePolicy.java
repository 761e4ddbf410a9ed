package dev.sweep.worker.train;

/**
 * What a step minimises and how its passes run. R-Drop wraps the objective; mixed precision wraps
 * the pass (half precision, a scaled loss) and refuses a step whose gradients overflowed.
 */
public non-sealed interface ObjectivePolicy extends TrainingExtension {
    /** The objective, given the plain task loss (or the previous plug-in's objective). */
    default Objective objective(Objective inner) {
        return inner;
    }

    /** The forward and backward pass; every pass of a step goes through it, adversarial ones included. */
    default Pass pass(Pass inner) {
        return inner;
    }

    /**
     * Once all passes of a step ran, before the optimizer step: false drops the step's gradients
     * and takes no step. Every plug-in is asked, even after one said no.
     */
    default boolean acceptStep(StepContext context) {
        return true;
    }
}
