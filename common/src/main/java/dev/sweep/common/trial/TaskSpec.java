package dev.sweep.common.trial;

import static dev.sweep.common.trial.Checks.orDefault;
import static dev.sweep.common.trial.Checks.require;

import java.util.List;

/**
 * The task: where the data is, which columns are text and which are targets, how the model is
 * judged.
 *
 * @param type regression (one or more scores) or classification (one label column)
 * @param train the training file: .csv, .tsv or .jsonl
 * @param text one text column, or two for pair tasks such as matching
 * @param targets the target columns; one for classification
 * @param maxLength tokens per example after truncation, special tokens included
 * @param clipPredictions clip regression predictions to the range seen in training
 * @param limit use only the first N rows of the training file (0: all)
 */
public record TaskSpec(
        TaskType type,
        String train,
        List<String> text,
        List<String> targets,
        ValidationSpec validation,
        Integer maxLength,
        Boolean clipPredictions,
        Integer limit) {
    public TaskSpec {
        require(type != null, "task.type is required: regression or classification");
        require(train != null && !train.isBlank(), "task.train is required: a .csv, .tsv or .jsonl file");
        require(text != null && (text.size() == 1 || text.size() == 2),
                "task.text must name one text column, or two for pair tasks, but got " + text);
        require(targets != null && !targets.isEmpty(), "task.targets must name at least one target column");
        require(type != TaskType.CLASSIFICATION || targets.size() == 1,
                "task.targets must name exactly one label column for classification, but got " + targets);
        text = List.copyOf(text);
        targets = List.copyOf(targets);
        validation = orDefault(validation, ValidationSpec.defaults());
        maxLength = orDefault(maxLength, 256);
        Checks.positive("task.max_length", maxLength);
        clipPredictions = orDefault(clipPredictions, Boolean.FALSE);
        limit = orDefault(limit, 0);
        Checks.nonNegative("task.limit", limit);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore // derived, not part of the wire form
    public boolean isPair() {
        return text.size() == 2;
    }
}
