package dev.sweep.coordinator.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sweeps side by side (the wenxin seeds table's layout: the same tricks on several tasks).
 *
 * @param blocks one per sweep, in the order given
 * @param rows one per configuration: the references first, then in the order the sweeps list them
 */
public record SweepComparison(List<Block> blocks, List<Row> rows) {
    public SweepComparison {
        blocks = List.copyOf(blocks);
        rows = List.copyOf(rows);
    }

    /**
     * One sweep.
     *
     * @param decidedBy the rule its outcomes come from: its seeds-until-decided decisions where it
     *     has them, else the Holm-adjusted paired test of its table
     */
    public record Block(String sweep, String metric, boolean higherIsBetter, String reference, String decidedBy) {}

    /**
     * One sweep's view of one configuration; {@code null} in a row where the sweep has no such
     * configuration.
     *
     * @param gain the mean paired difference from the reference, + = better in the sweep's metric
     *     (NaN for the reference and where nothing was paired)
     * @param trials the trials behind its mean (seeds, times folds)
     * @param pairs the pairs behind the gain
     */
    public record Cell(double gain, Outcome outcome, int trials, int pairs) {}

    /** A configuration across the sweeps, and the tally of what they decided. */
    public record Row(String config, List<Cell> cells, Map<Outcome, Integer> tally, int tasks) {
        public Row {
            cells = java.util.Collections.unmodifiableList(new ArrayList<>(cells)); // nulls: sweeps without it
            tally = Map.copyOf(tally);
        }

        /** "better on 1, undecided on 1 of 2 tasks"; what a configuration no sweep compared says instead. */
        public String summary() {
            if (tasks == 0) {
                long untested = cells.stream().filter(c -> c != null && c.outcome() == Outcome.NO_TEST).count();
                return cells.stream().anyMatch(c -> c != null && c.outcome() == Outcome.REFERENCE) ? "reference"
                        : untested > 0 ? "no test on " + untested + (untested == 1 ? " task" : " tasks") : "not compared";
            }
            List<String> parts = new ArrayList<>();
            for (Outcome o : List.of(Outcome.BETTER, Outcome.WORSE, Outcome.EQUIVALENT, Outcome.UNDECIDED)) {
                int k = tally.getOrDefault(o, 0);
                if (k > 0) {
                    parts.add(o.word() + " on " + k);
                }
            }
            return String.join(", ", parts) + " of " + tasks + (tasks == 1 ? " task" : " tasks");
        }
    }

    /** The comparison of sweeps given by their reports as JSON trees (a report's {@code ablation.json}). */
    public static SweepComparison of(List<JsonNode> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("compare needs at least one sweep");
        }
        List<Block> blocks = new ArrayList<>();
        List<Map<String, Cell>> bySweep = new ArrayList<>();
        Set<String> references = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (JsonNode r : reports) {
            String sweep = text(r, "sweep");
            Map<String, Outcome> decided = new LinkedHashMap<>();
            r.path("decisions").forEach(d -> decided.put(text(d, "config"), decision(text(d, "decision"))));
            String metric = text(r, "metric");
            String reference = r.path("reference").isNull() ? null : r.path("reference").asText(null);
            blocks.add(new Block(sweep, metric, r.path("higher_is_better").asBoolean(), reference,
                    decided.isEmpty() ? "Holm-adjusted paired test" : "seeds until decided"));
            Map<String, Cell> cells = new LinkedHashMap<>();
            for (JsonNode c : r.path("columns")) {
                String config = text(c, "config");
                JsonNode stat = c.path("stats").path(metric);
                double gain = stat.path("improvement").asDouble(Double.NaN); // the report writes NaN as "NaN"
                Outcome outcome = config.equals(reference) ? Outcome.REFERENCE
                        : decided.containsKey(config) ? decided.get(config) : tested(c.path("test"));
                cells.put(config, new Cell(gain, outcome, c.path("values").size(), stat.path("pairs").asInt(0)));
                (config.equals(reference) ? references : others).add(config);
            }
            bySweep.add(cells);
        }
        List<String> order = new ArrayList<>(references);
        others.stream().filter(c -> !references.contains(c)).forEach(order::add);
        List<Row> rows = new ArrayList<>();
        for (String config : order) {
            List<Cell> cells = new ArrayList<>();
            Map<Outcome, Integer> tally = new LinkedHashMap<>();
            int tasks = 0;
            for (Map<String, Cell> sweep : bySweep) {
                Cell cell = sweep.get(config);
                cells.add(cell);
                if (cell != null && cell.outcome().counted()) {
                    tally.merge(cell.outcome(), 1, Integer::sum);
                    tasks++;
                }
            }
            rows.add(new Row(config, cells, tally, tasks));
        }
        return new SweepComparison(blocks, rows);
    }

    /** A seeds-until-decided decision as an outcome: out of seeds and still waiting are both undecided. */
    private static Outcome decision(String decision) {
        return switch (decision) {
            case "BETTER" -> Outcome.BETTER;
            case "WORSE" -> Outcome.WORSE;
            case "EQUIVALENT" -> Outcome.EQUIVALENT;
            default -> Outcome.UNDECIDED;
        };
    }

    /** The table's Holm-adjusted verdict as an outcome; no comparison at all (a sweep without a reference) is no test. */
    private static Outcome tested(JsonNode test) {
        if (test.isMissingNode() || test.isNull()) {
            return Outcome.NO_TEST;
        }
        return switch (text(test, "verdict")) {
            case "BETTER" -> Outcome.BETTER;
            case "WORSE" -> Outcome.WORSE;
            case "NOT_DISTINGUISHABLE" -> Outcome.UNDECIDED;
            default -> Outcome.NO_TEST;
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("a sweep report must have a text field '" + field + "', but got " + v
                    + "; pass a report's ablation.json or a sweep's name");
        }
        return v.asText();
    }
}
