package dev.sweep.worker.data;

import java.util.List;

/** The examples of a split (training or validation), in a fixed order. */
public record EncodedSplit(List<EncodedExample> examples) {
    public EncodedSplit {
        examples = List.copyOf(examples);
    }

    public int size() {
        return examples.size();
    }

    public EncodedExample get(int i) {
        return examples.get(i);
    }
}
