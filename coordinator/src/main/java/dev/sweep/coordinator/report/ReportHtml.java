package dev.sweep.coordinator.report;

import dev.sweep.coordinator.report.SweepReport.Column;
import dev.sweep.coordinator.report.SweepReport.CurvePoint;
import dev.sweep.coordinator.report.stats.Comparison;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report as one self-contained HTML file: the headline, the methods, the ablation table
 * (the Markdown's rows, coloured by verdict), a bar chart of each configuration's difference
 * from the reference (positive = better) with its 95% interval and a point per seed, and the
 * learning curves per configuration with the band their seeds span; then, where the sweep has
 * them, its pruned trials, its trick interactions and the worth-its-cost charts. The bar and
 * curve charts are drawn with XChart and embedded as PNG data URIs; the worth-its-cost charts are
 * inline SVG ({@link WorthChart}).
 */
final class ReportHtml {
    static final Color BETTER = new Color(0x1a, 0x7f, 0x37);
    static final Color WORSE = new Color(0xb4, 0x23, 0x18);
    static final Color UNDECIDED = new Color(0x98, 0xa2, 0xb3);

    private ReportHtml() {}

    static String render(SweepReport r) {
        System.setProperty("java.awt.headless", "true");
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ablation of sweep ")
                .append(esc(r.sweep())).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1400px}"
                + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:4px 8px;"
                + "text-align:right;vertical-align:top}th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}"
                + ".better{font-weight:bold;color:#1a7f37}.worse{font-weight:bold;color:#b42318}"
                + ".headline{font-size:1.15em;font-weight:bold}.warning{color:#8a4b00}</style></head><body>\n");
        b.append("<h1>Ablation of sweep <code>").append(esc(r.sweep())).append("</code></h1>\n");
        r.headline().forEach(h -> b.append("<p class=\"headline\">").append(esc(h)).append("</p>\n"));
        b.append("<ul>");
        r.methods().forEach(m -> b.append("<li>").append(esc(m).replaceAll("`([^`]*)`", "<code>$1</code>")).append("</li>"));
        b.append("</ul>\n");
        r.warnings().forEach(w -> b.append("<p class=\"warning\">Warning: ").append(esc(w)).append("</p>\n"));
        b.append("<table><tr><th></th>");
        r.columns().forEach(c -> b.append("<th>").append(esc(c.config())).append("</th>"));
        b.append("</tr>\n");
        for (ReportTable.Row row : ReportTable.rows(r)) {
            b.append("<tr><td>").append(esc(row.label())).append("</td>");
            for (ReportTable.Cell cell : row.cells()) {
                String cls = switch (cell.tone()) {
                    case BETTER -> " class=\"better\"";
                    case WORSE -> " class=\"worse\"";
                    case PLAIN -> "";
                };
                b.append("<td").append(cls).append(">").append(esc(cell.text()).replace("+-", "&plusmn;"))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
        if (!r.problems().isEmpty()) {
            b.append("<h2>Failed for good</h2><ul>");
            r.problems().forEach(p -> b.append("<li>").append(esc(p)).append("</li>"));
            b.append("</ul>\n");
        }
        if (r.reference() != null) {
            b.append("<h2>Difference from ").append(esc(r.reference())).append(" (positive = better)</h2>\n")
                    .append(img(differenceChart(r), "difference from the reference per configuration"));
        }
        b.append("<h2>Learning curves</h2>\n").append(img(curveChart(r), "validation metric by optimizer step"));
        sections(r, b);
        b.append("</body></html>\n");
        return b.toString();
    }

    /** Pruned trials, trick interactions and the worth-its-cost charts, each only where the sweep has it. */
    private static void sections(SweepReport r, StringBuilder b) {
        if (!r.pruned().isEmpty()) {
            b.append("<h2>Pruned trials</h2>\n<p>Stopped by the pruner on their intermediate evaluations; no result, so "
                    + "left out of every mean, gain and test above.</p>\n");
            table(b, ReportSections.PRUNED_HEADER, ReportSections.prunedRows(r));
        }
        if (r.interactions() != null) {
            b.append("<h2>Trick interactions</h2>\n");
            r.interactions().findings().forEach(f -> b.append("<p>").append(esc(f)).append("</p>\n"));
            table(b, ReportSections.INTERACTIONS_HEADER, ReportSections.interactionRows(r.interactions()));
        }
        List<List<String>> phases = ReportSections.timeRows(r);
        if (!phases.isEmpty()) {
            b.append("<h2>Where the time went</h2>\n<p>Mean seconds per trial on its worker, from its start to its "
                    + "files; \"not steps\" is everything but the training steps (an averaged model does not "
                    + "train).</p>\n");
            table(b, ReportSections.TIME_HEADER, phases);
        }
        String time = WorthChart.svg(r, true);
        String memory = WorthChart.svg(r, false);
        if (!time.isEmpty() || !memory.isEmpty()) {
            b.append("<h2>Worth its cost</h2>\n<p>Each configuration's gain over ").append(esc(r.reference()))
                    .append(" (+ = better) against its cost as a multiple of ").append(esc(r.reference()))
                    .append("'s. On the Pareto front: no other configuration is both cheaper and better. The gains are "
                            + "the point estimates; whether each is told apart from the reference is the table's test."
                            + "</p>\n");
            if (!time.isEmpty()) {
                b.append("<p>Pareto front on ms per step: ").append(esc(ReportSections.frontWords(r, r.worth().timeFront(),
                        true))).append("</p>\n").append(time);
            }
            if (!memory.isEmpty()) {
                b.append("<p>Pareto front on peak memory: ").append(esc(ReportSections.frontWords(r,
                        r.worth().memoryFront(), false))).append("</p>\n").append(memory);
            }
        }
    }

    private static void table(StringBuilder b, List<String> header, List<List<String>> rows) {
        b.append("<table><tr>");
        header.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr>\n");
        for (List<String> row : rows) {
            b.append("<tr>");
            row.forEach(cell -> b.append("<td>").append(esc(cell)).append("</td>"));
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    /**
     * Bars: the mean difference from the reference, coloured by verdict, with its 95% interval;
     * points: each test unit's difference (each seed's, or each fold's mean over its seeds).
     */
    static CategoryChart differenceChart(SweepReport r) {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(440)
                .title(r.metric() + ": difference from " + r.reference() + ", positive = better (" + r.direction()
                        + "), with 95% CI and each seed's")
                .xAxisTitle("configuration").yAxisTitle("difference in " + r.metric() + " (+ = better)").build();
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<Column> shown = r.columns().stream().filter(c -> !c.averaged() && c.test() != null
                && !Double.isNaN(c.test().improvement())).toList();
        if (shown.isEmpty()) {
            chart.addSeries("(nothing compared yet)", List.of("-"), List.of(0.0));
            return chart;
        }
        List<String> names = shown.stream().map(Column::config).toList();
        Map<ReportTable.Tone, String> toneNames = new LinkedHashMap<>();
        toneNames.put(ReportTable.Tone.BETTER, "better (Holm p < 0.05)");
        toneNames.put(ReportTable.Tone.WORSE, "worse (Holm p < 0.05)");
        toneNames.put(ReportTable.Tone.PLAIN, "not distinguishable / no test");
        Map<ReportTable.Tone, Color> colors = Map.of(ReportTable.Tone.BETTER, BETTER, ReportTable.Tone.WORSE, WORSE,
                ReportTable.Tone.PLAIN, UNDECIDED);
        for (Map.Entry<ReportTable.Tone, String> tone : toneNames.entrySet()) {
            List<Double> bars = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            boolean any = false;
            for (Column c : shown) {
                Comparison t = c.test();
                boolean mine = ReportTable.tone(t) == tone.getKey();
                any |= mine;
                bars.add(mine ? t.improvement() : 0.0); // XChart takes no gaps in a series with error bars
                errors.add(mine && t.tested() ? t.ciHigh() - t.improvement() : 0.0);
            }
            if (any) {
                chart.addSeries(tone.getValue(), names, bars, errors).setFillColor(colors.get(tone.getKey()));
            }
        }
        List<String> labels = new ArrayList<>();
        shown.forEach(c -> c.testUnits().stream().filter(l -> !labels.contains(l)).forEach(labels::add));
        for (String label : labels.size() <= 12 ? labels : labels.subList(0, 12)) {
            List<Double> points = new ArrayList<>();
            for (Column c : shown) {
                int i = c.testUnits().indexOf(label);
                points.add(i < 0 ? null : c.test().differences().get(i));
            }
            CategorySeries s = chart.addSeries(label, names, points);
            s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            s.setMarkerColor(new Color(0x34, 0x40, 0x54));
        }
        return chart;
    }

    /** Per configuration: the mean over its seeds by step, and the band from their lowest to their highest value. */
    static XYChart curveChart(SweepReport r) {
        XYChart chart = new XYChartBuilder().width(1000).height(440)
                .title(r.metric() + " on the validation split: mean over seeds, band = min-max across seeds")
                .xAxisTitle("optimizer step").yAxisTitle(r.metric()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        Color[] palette = chart.getStyler().getSeriesColors();
        int added = 0;
        for (Column c : r.columns()) {
            if (c.averaged() || c.curve().isEmpty()) {
                continue;
            }
            Color color = palette[added % palette.length];
            List<CurvePoint> curve = c.curve();
            if (curve.stream().anyMatch(p -> p.n() > 1)) {
                int n = curve.size();
                double[] x = new double[2 * n];
                double[] y = new double[2 * n];
                for (int i = 0; i < n; i++) {
                    x[i] = curve.get(i).step();
                    y[i] = curve.get(i).max();
                    x[2 * n - 1 - i] = curve.get(i).step();
                    y[2 * n - 1 - i] = curve.get(i).min();
                }
                XYSeries band = chart.addSeries(c.config() + " seeds", x, y);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 50));
                band.setLineColor(new Color(0, 0, 0, 0));
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
            XYSeries mean = chart.addSeries(c.config(), curve.stream().mapToDouble(CurvePoint::step).toArray(),
                    curve.stream().mapToDouble(CurvePoint::mean).toArray());
            mean.setLineColor(color);
            mean.setMarkerColor(color);
            added++;
        }
        if (added == 0) {
            chart.addSeries("(no evaluations yet)", new double[] {0}, new double[] {0});
        }
        return chart;
    }

    private static String img(Chart<?, ?> chart, String alt) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png)
                    + "\">\n";
        } catch (IOException e) {
            throw new UncheckedIOException("drawing the chart '" + alt + "' failed: " + e.getMessage(), e);
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
