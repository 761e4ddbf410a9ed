package dev.sweep.coordinator.ensemble;

import static dev.sweep.common.trial.Checks.require;

import dev.sweep.common.codec.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One trial's validation predictions as its worker wrote them ({@code predictions-last.csv} or
 * {@code predictions.csv}): by source row, the prediction vector (scores for regression, logits
 * for classification) and the truth (the targets, or the label's index among the logit columns).
 *
 * @param classes for classification the label names in logit order; empty for regression
 */
public record Predictions(List<String> classes, Map<Integer, double[]> values, Map<Integer, double[]> truth) {
    public Predictions {
        require(values.keySet().equals(truth.keySet()), "every predicted row needs its truth");
        classes = List.copyOf(classes);
    }

    public boolean classification() {
        return !classes.isEmpty();
    }

    /** Reads a worker's predictions file; a file without truth columns (written before they were) is refused by name. */
    public static Predictions read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file (workers older than ensembles did not write it, and the "
                    + "folder may be on another machine); train the trial again here to ensemble it");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new ConfigException(file + ": empty; expected a header and one line per validation row");
        }
        String[] header = lines.get(0).split(",");
        List<Integer> predicted = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        int labelColumn = -1;
        for (int c = 1; c < header.length; c++) {
            String h = header[c];
            if (h.startsWith("logit_")) {
                predicted.add(c);
                classes.add(h.substring("logit_".length()));
            } else if (h.startsWith("target_")) {
                targets.add(c);
            } else if (h.equals("label")) {
                labelColumn = c;
            } else if (!h.equals("predicted")) {
                predicted.add(c);
            }
        }
        boolean classification = !classes.isEmpty();
        if (classification ? labelColumn < 0 : targets.size() != predicted.size() || targets.isEmpty()) {
            throw new ConfigException(file + ":1: no truth column (" + (classification ? "label" : "target_NAME")
                    + "); it was written by a worker older than ensembles: train the trial again to ensemble it");
        }
        Map<Integer, double[]> values = new TreeMap<>();
        Map<Integer, double[]> truth = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            String where = file + ":" + (i + 1);
            if (cells.length != header.length) {
                throw new ConfigException(where + ": " + cells.length + " cells but the header has " + header.length);
            }
            int row;
            try {
                row = Integer.parseInt(cells[0]);
                double[] v = new double[predicted.size()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = Double.parseDouble(cells[predicted.get(k)]);
                }
                double[] t;
                if (classification) {
                    int label = classes.indexOf(cells[labelColumn]);
                    require(label >= 0, where + ": label '" + cells[labelColumn] + "' is not among " + classes);
                    t = new double[] {label};
                } else {
                    t = new double[targets.size()];
                    for (int k = 0; k < t.length; k++) {
                        t[k] = Double.parseDouble(cells[targets.get(k)]);
                    }
                }
                values.put(row, v);
                truth.put(row, t);
            } catch (NumberFormatException e) {
                throw new ConfigException(where + ": not a number: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        return new Predictions(classes, values, truth);
    }
}
