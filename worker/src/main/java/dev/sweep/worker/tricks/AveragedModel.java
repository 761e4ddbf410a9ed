package dev.sweep.worker.tricks;

import ai.djl.nn.Parameter;
import dev.sweep.worker.model.Pretrained;
import dev.sweep.worker.model.weights.HostTensor;
import dev.sweep.worker.model.weights.WeightsException;
import dev.sweep.worker.train.TextModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fine-tuned model averaging (FMA), the trial kind: loads the saved models of one configuration
 * (its seeds or folds) and puts their element-wise mean into the model, which the trial then
 * evaluates as a result of its own; no training. The coordinator schedules such a trial once every
 * member has finished.
 */
public final class AveragedModel {
    private AveragedModel() {}

    /** @param members the members' model folders */
    public static void loadInto(TextModel model, List<Path> members) {
        List<Map<String, HostTensor>> weights = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Path m : members) {
            weights.add(Pretrained.folder(m).weights());
            sources.add(m.toString());
        }
        Map<String, HostTensor> mean = ModelAveraging.average(weights, sources);
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            HostTensor t = mean.get(e.getKey());
            if (t == null) {
                throw new WeightsException(sources.get(0) + ": has no tensor " + e.getKey()
                        + "; the members were trained with another head or model");
            }
            Weights.copyInto(e.getValue().getArray(), t.data());
        }
    }
}
