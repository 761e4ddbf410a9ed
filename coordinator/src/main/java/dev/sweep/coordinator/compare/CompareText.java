package dev.sweep.coordinator.compare;

import dev.sweep.common.codec.Codec;
import dev.sweep.coordinator.compare.SweepComparison.Block;
import dev.sweep.coordinator.compare.SweepComparison.Cell;
import dev.sweep.coordinator.compare.SweepComparison.Row;
import dev.sweep.coordinator.report.ReportFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A comparison as Markdown, CSV, JSON or HTML: the same header and cells in every form. */
public final class CompareText {
    private CompareText() {}

    public static String fileName(ReportFormat format) {
        return "compare." + format.fileName().substring(format.fileName().lastIndexOf('.') + 1);
    }

    public static String render(SweepComparison c, ReportFormat format) {
        return switch (format) {
            case MD -> markdown(c);
            case CSV -> csv(c);
            case JSON -> Codec.toJson(c);
            case HTML -> html(c);
        };
    }

    static List<String> header(SweepComparison c) {
        List<String> h = new ArrayList<>(List.of("configuration"));
        for (Block b : c.blocks()) {
            h.add(b.sweep() + ": gain (" + b.metric() + ", + = better)");
            h.add(b.sweep() + ": verdict");
            h.add(b.sweep() + ": trials (pairs)");
        }
        h.add("summary");
        return h;
    }

    static List<String> cells(SweepComparison c, Row row) {
        List<String> out = new ArrayList<>(List.of(row.config()));
        for (Cell cell : row.cells()) {
            if (cell == null) {
                out.addAll(List.of("", "-", ""));
            } else {
                out.add(Double.isNaN(cell.gain()) ? "" : String.format(Locale.ROOT, "%+.4f", cell.gain()));
                out.add(cell.outcome().word());
                out.add(cell.trials() + (cell.pairs() > 0 ? " (" + cell.pairs() + ")" : ""));
            }
        }
        out.add(row.summary());
        return out;
    }

    static String methods(SweepComparison c) {
        StringBuilder b = new StringBuilder();
        for (Block block : c.blocks()) {
            b.append("- `").append(block.sweep()).append("`: ").append(block.metric()).append(", ")
                    .append(block.higherIsBetter() ? "higher" : "lower").append(" is better; against `")
                    .append(block.reference() == null ? "no reference" : block.reference())
                    .append("`; verdicts from its ").append(block.decidedBy()).append(".\n");
        }
        return b.append("- gain: the mean paired difference from the sweep's reference in its own metric's direction "
                + "(+ = better); an averaged model (+fma) against the reference's average. Gains of different metrics "
                + "are not comparable in size, only in sign and verdict.\n").toString();
    }

    static String markdown(SweepComparison c) {
        StringBuilder b = new StringBuilder("# Sweeps side by side\n\n").append(methods(c)).append('\n');
        List<String> h = header(c);
        b.append("| ").append(String.join(" | ", h)).append(" |\n|");
        h.forEach(x -> b.append("---|"));
        b.append('\n');
        for (Row row : c.rows()) {
            b.append("| ").append(String.join(" | ", cells(c, row).stream().map(x -> x.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        return b.toString();
    }

    static String csv(SweepComparison c) {
        StringBuilder b = new StringBuilder("config");
        for (Block block : c.blocks()) {
            String s = block.sweep();
            b.append(',').append(s).append("_gain,").append(s).append("_verdict,").append(s).append("_trials,")
                    .append(s).append("_pairs");
        }
        b.append(",better,worse,equivalent,undecided,tasks\n");
        for (Row row : c.rows()) {
            b.append(quote(row.config()));
            for (Cell cell : row.cells()) {
                b.append(cell == null ? ",,,," : "," + (Double.isNaN(cell.gain()) ? "" : String.format(Locale.ROOT, "%.6g",
                        cell.gain())) + "," + cell.outcome().word() + "," + cell.trials() + "," + cell.pairs());
            }
            for (Outcome o : List.of(Outcome.BETTER, Outcome.WORSE, Outcome.EQUIVALENT, Outcome.UNDECIDED)) {
                b.append(',').append(row.tally().getOrDefault(o, 0));
            }
            b.append(',').append(row.tasks()).append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String html(SweepComparison c) {
        StringBuilder b = new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Sweeps side by "
                + "side</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child"
                + "{text-align:left}.better{background:#dfd}.worse{background:#fdd}.equivalent{background:#eef}"
                + "</style></head><body>\n<h1>Sweeps side by side</h1>\n<ul>\n");
        methods(c).lines().forEach(l -> b.append("<li>").append(esc(l.substring(2).replace("`", ""))).append("</li>\n"));
        b.append("</ul>\n<table>\n<tr>");
        header(c).forEach(x -> b.append("<th>").append(esc(x)).append("</th>"));
        b.append("</tr>\n");
        for (Row row : c.rows()) {
            List<String> cells = cells(c, row);
            b.append("<tr>");
            for (int i = 0; i < cells.size(); i++) {
                boolean verdict = i > 0 && i < cells.size() - 1 && (i - 1) % 3 == 1;
                b.append(verdict ? "<td class=\"" + esc(cells.get(i)) + "\">" : "<td>").append(esc(cells.get(i)))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</table>\n</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
