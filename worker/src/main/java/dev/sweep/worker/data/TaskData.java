package dev.sweep.worker.data;

import dev.sweep.common.trial.TaskSpec;
import dev.sweep.common.trial.TaskType;
import dev.sweep.common.trial.ValidationSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A task's data, checked and tokenised: every row validated (text present, targets finite
 * numbers, labels known), split into training and validation, each example encoded.
 */
public final class TaskData {
    private final TaskType type;
    private final List<String> targetNames;
    private final LabelSpace labels;
    private final EncodedSplit train;
    private final EncodedSplit validation;
    private final float[] targetMin;
    private final float[] targetMax;

    private TaskData(TaskType type, List<String> targetNames, LabelSpace labels, EncodedSplit train,
            EncodedSplit validation, float[] targetMin, float[] targetMax) {
        this.type = type;
        this.targetNames = List.copyOf(targetNames);
        this.labels = labels;
        this.train = train;
        this.validation = validation;
        this.targetMin = targetMin;
        this.targetMax = targetMax;
    }

    /** A row after validation, before tokenisation. */
    private record Checked(int row, int line, String text, String pair, float[] targets, String label) {}

    /**
     * Reads, validates, splits and tokenises the task's data.
     *
     * @param baseDir relative paths in the spec resolve against it
     */
    public static TaskData load(TaskSpec task, Path baseDir, TextTokenizer tokenizer) {
        Path trainFile = baseDir.resolve(task.train());
        List<Checked> rows = check(TextTable.read(trainFile, task.limit(), "task.train"), task);
        if (rows.isEmpty()) {
            throw new DataException(trainFile + ": has no data rows; check task.train");
        }
        ValidationSpec v = task.validation();
        List<Checked> trainRows = new ArrayList<>();
        List<Checked> validRows = new ArrayList<>();
        if (v.file() != null) {
            trainRows.addAll(rows);
            validRows.addAll(check(TextTable.read(baseDir.resolve(v.file()), 0, "task.validation.file"), task));
        } else if (v.usesFolds()) {
            if (rows.size() < v.folds()) {
                throw new DataException(trainFile + ": " + rows.size() + " rows cannot fill " + v.folds()
                        + " folds; lower task.validation.folds");
            }
            int[] fold = assignFolds(task, rows, v);
            for (int i = 0; i < rows.size(); i++) {
                (fold[i] == v.fold() ? validRows : trainRows).add(rows.get(i));
            }
        } else {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(v.seed()));
            int held = (int) Math.round(v.fraction() * rows.size());
            if (held == 0 || held == rows.size()) {
                throw new DataException(trainFile + ": " + rows.size() + " rows leave nothing to "
                        + (held == 0 ? "validate" : "train") + " with task.validation.fraction " + v.fraction());
            }
            boolean[] isValid = new boolean[rows.size()];
            order.subList(0, held).forEach(i -> isValid[i] = true);
            for (int i = 0; i < rows.size(); i++) {
                (isValid[i] ? validRows : trainRows).add(rows.get(i));
            }
        }
        LabelSpace labels = null;
        if (task.type() == TaskType.CLASSIFICATION) {
            labels = new LabelSpace(trainRows.stream().map(Checked::label).toList());
        }
        String validFile = v.file() != null ? baseDir.resolve(v.file()).toString() : trainFile.toString();
        EncodedSplit train = encode(trainRows, tokenizer, labels, trainFile.toString(), task);
        EncodedSplit validation = encode(validRows, tokenizer, labels, validFile, task);
        float[] min = new float[task.type() == TaskType.REGRESSION ? task.targets().size() : 0];
        float[] max = new float[min.length];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (Checked c : trainRows) {
            for (int k = 0; k < min.length; k++) {
                min[k] = Math.min(min[k], c.targets()[k]);
                max[k] = Math.max(max[k], c.targets()[k]);
            }
        }
        return new TaskData(task.type(), task.targets(), labels, train, validation, min, max);
    }

    private static int[] assignFolds(TaskSpec task, List<Checked> rows, ValidationSpec v) {
        if (task.type() == TaskType.CLASSIFICATION) {
            LabelSpace all = new LabelSpace(rows.stream().map(Checked::label).toList());
            int[] labels = rows.stream().mapToInt(r -> all.names().indexOf(r.label())).toArray();
            return Folds.stratified(labels, v.folds(), v.seed());
        }
        float[][] targets = rows.stream().map(Checked::targets).toArray(float[][]::new);
        return Folds.multilabelStratified(targets, v.folds(), v.seed());
    }

    private static List<Checked> check(TextTable table, TaskSpec task) {
        table.requireColumns(task.text(), "task.text");
        table.requireColumns(task.targets(), "task.targets");
        List<Checked> out = new ArrayList<>(table.rows().size());
        for (int i = 0; i < table.rows().size(); i++) {
            TextTable.Row row = table.rows().get(i);
            String text = text(table, row, task.text().get(0));
            String pair = task.isPair() ? text(table, row, task.text().get(1)) : null;
            float[] targets = new float[0];
            String label = null;
            if (task.type() == TaskType.REGRESSION) {
                targets = new float[task.targets().size()];
                for (int k = 0; k < targets.length; k++) {
                    targets[k] = number(table, row, task.targets().get(k));
                }
            } else {
                label = row.get(task.targets().get(0));
                if (label == null || label.isBlank()) {
                    throw DataException.at(table.file(), row.line(), task.targets().get(0),
                            "the label is empty; give every row a label or remove it");
                }
                label = label.strip();
            }
            out.add(new Checked(i, row.line(), text, pair, targets, label));
        }
        return out;
    }

    private static String text(TextTable table, TextTable.Row row, String column) {
        String text = row.get(column);
        if (text == null || text.isBlank()) {
            throw DataException.at(table.file(), row.line(), column, "the text is empty; remove the row or fill it in");
        }
        return text;
    }

    private static float number(TextTable table, TextTable.Row row, String column) {
        String cell = row.get(column);
        float value;
        try {
            value = Float.parseFloat(cell == null ? "" : cell.strip());
        } catch (NumberFormatException e) {
            throw DataException.at(table.file(), row.line(), column, "target '" + cell
                    + "' is not a number; regression targets must be numbers");
        }
        if (!Float.isFinite(value)) {
            throw DataException.at(table.file(), row.line(), column, "target is " + cell
                    + "; regression targets must be finite numbers (drop or impute the row)");
        }
        return value;
    }

    private static EncodedSplit encode(List<Checked> rows, TextTokenizer tokenizer, LabelSpace labels, String file,
            TaskSpec task) {
        List<EncodedExample> out = new ArrayList<>(rows.size());
        for (Checked c : rows) {
            TextTokenizer.Encoded e = tokenizer.encode(c.text(), c.pair());
            int label = labels == null ? -1 : labels.indexOf(c.label(), file, c.line(), task.targets().get(0));
            out.add(new EncodedExample(c.row(), c.line(), e.ids(), e.typeIds(), c.targets(), label));
        }
        return new EncodedSplit(out);
    }

    public TaskType type() {
        return type;
    }

    public List<String> targetNames() {
        return targetNames;
    }

    /** Targets for regression, classes for classification. */
    public int numOutputs() {
        return type == TaskType.REGRESSION ? targetNames.size() : labels.size();
    }

    /** The classes; null for regression. */
    public LabelSpace labels() {
        return labels;
    }

    public EncodedSplit train() {
        return train;
    }

    public EncodedSplit validation() {
        return validation;
    }

    /** Each target's mean over the training rows (regression), where a regression head's bias starts. */
    public float[] trainTargetMeans() {
        float[] mean = new float[type == TaskType.REGRESSION ? targetNames.size() : 0];
        for (int i = 0; i < train.size(); i++) {
            float[] t = train.get(i).targets();
            for (int k = 0; k < mean.length; k++) {
                mean[k] += t[k] / train.size();
            }
        }
        return mean;
    }

    public float[] targetMin() {
        return targetMin.clone();
    }

    public float[] targetMax() {
        return targetMax.clone();
    }
}
