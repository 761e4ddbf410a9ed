package dev.sweep.worker.train;

import dev.sweep.worker.optim.TrainableParameter;
import java.util.List;

/** Which parameters the optimizer updates, at which learning rate and weight decay. */
public non-sealed interface ParameterPolicy extends TrainingExtension {
    /** The optimizer's parameters as this plug-in wants them (per-layer learning rates, frozen ones left out). */
    List<TrainableParameter> configure(List<TrainableParameter> parameters);
}
