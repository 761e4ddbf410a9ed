package dev.sweep.common.trial;

import static dev.sweep.common.trial.Checks.require;

import java.util.List;

/**
 * What an averaging trial (fine-tuned model averaging, FMA) averages: the saved models of one
 * configuration's seeds or folds. Such a trial does not train; the worker puts the element-wise
 * mean of the members' weights into the model and evaluates it.
 *
 * @param members the members' model folders ({@code OUTPUT/model}), relative to the config's folder
 *     or absolute
 */
public record AverageSpec(List<String> members) {
    public AverageSpec {
        require(members != null && members.size() >= 2,
                "average.members must name at least 2 models, but got " + (members == null ? 0 : members.size()));
        members = List.copyOf(members);
    }
}
