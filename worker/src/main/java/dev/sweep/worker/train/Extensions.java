package dev.sweep.worker.train;

import java.util.ArrayList;
import java.util.List;

/** A trial's plug-ins sorted by extension point, each list in the order the plug-ins were given. */
record Extensions(List<TrainingSetup> setups, List<ParameterPolicy> parameterPolicies, List<StepSchedule> schedules,
        List<ObjectivePolicy> objectives, List<StepObserver> observers, List<EvaluationWeights> evaluationWeights) {

    static Extensions of(List<? extends TrainingExtension> plugins) {
        List<TrainingSetup> setups = new ArrayList<>();
        List<ParameterPolicy> parameters = new ArrayList<>();
        List<StepSchedule> schedules = new ArrayList<>();
        List<ObjectivePolicy> objectives = new ArrayList<>();
        List<StepObserver> observers = new ArrayList<>();
        List<EvaluationWeights> evaluation = new ArrayList<>();
        for (TrainingExtension p : plugins) {
            // one plug-in may serve several points (EMA sets up, observes steps and swaps weights)
            if (p instanceof TrainingSetup s) {
                setups.add(s);
            }
            if (p instanceof ParameterPolicy s) {
                parameters.add(s);
            }
            if (p instanceof StepSchedule s) {
                schedules.add(s);
            }
            if (p instanceof ObjectivePolicy s) {
                objectives.add(s);
            }
            if (p instanceof StepObserver s) {
                observers.add(s);
            }
            if (p instanceof EvaluationWeights s) {
                evaluation.add(s);
            }
        }
        return new Extensions(List.copyOf(setups), List.copyOf(parameters), List.copyOf(schedules),
                List.copyOf(objectives), List.copyOf(observers), List.copyOf(evaluation));
    }
}
