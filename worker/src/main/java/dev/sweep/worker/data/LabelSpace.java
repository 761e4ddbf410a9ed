package dev.sweep.worker.data;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The classes of a classification task: the training labels, sorted, each with its index. */
public final class LabelSpace {
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    public LabelSpace(Collection<String> trainingLabels) {
        this.names = List.copyOf(new TreeSet<>(trainingLabels));
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    /** The class index of a label; a label training never had is refused where it was found. */
    public int indexOf(String label, String file, int line, String column) {
        Integer i = index.get(label);
        if (i == null) {
            throw DataException.at(file, line, column, "label '" + label + "' never occurs in the training data "
                    + names + "; fix the label or add training examples of it");
        }
        return i;
    }
}
