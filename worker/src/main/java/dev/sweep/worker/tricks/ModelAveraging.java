package dev.sweep.worker.tricks;

import dev.sweep.worker.model.weights.HostTensor;
import dev.sweep.worker.model.weights.WeightsException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The element-wise mean of several models' weights: fine-tuned model averaging (FMA). */
public final class ModelAveraging {
    private ModelAveraging() {}

    /**
     * @param members each model's tensors by name; all must hold the same names and shapes
     * @param sources the members' names, for messages
     */
    public static Map<String, HostTensor> average(List<Map<String, HostTensor>> members, List<String> sources) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("average.members must name at least 2 models, but got " + members.size());
        }
        Map<String, HostTensor> first = members.get(0);
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : first.entrySet()) {
            double[] sum = new double[e.getValue().data().length];
            for (int m = 0; m < members.size(); m++) {
                HostTensor t = members.get(m).get(e.getKey());
                if (t == null || !Arrays.equals(t.shape(), e.getValue().shape())) {
                    throw new WeightsException(sources.get(m) + ": tensor " + e.getKey() + (t == null ? " is missing"
                            : " has shape " + Arrays.toString(t.shape()) + " but " + sources.get(0) + " has "
                                    + Arrays.toString(e.getValue().shape()))
                            + "; FMA averages models of one configuration only");
                }
                float[] d = t.data();
                for (int i = 0; i < d.length; i++) {
                    sum[i] += d[i];
                }
            }
            float[] mean = new float[sum.length];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = (float) (sum[i] / members.size());
            }
            out.put(e.getKey(), new HostTensor(e.getKey(), e.getValue().shape(), mean));
        }
        return out;
    }
}
