package dev.sweep.worker.train;

/**
 * A plug-in of the training loop: a trick such as FGM, EMA or layer-wise LR decay, or the
 * service's stop check. It implements only the extension points it changes, each a narrow
 * interface of one to three methods; the loop asks each point's plug-ins in the order they were
 * given (the trick registry's run order). Per optimizer step: the passes (through
 * {@link ObjectivePolicy}), {@link StepObserver#afterBackward} after each micro-batch's,
 * {@link ObjectivePolicy#acceptStep}, the optimizer step, {@link StepObserver#afterStep}. Around
 * every evaluation: {@link EvaluationWeights}.
 */
public sealed interface TrainingExtension
        permits TrainingSetup, ParameterPolicy, StepSchedule, ObjectivePolicy, StepObserver, EvaluationWeights {}
