package dev.sweep.coordinator.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The report as one self-contained HTML file: the ablation table, a bar chart of each
 * configuration's gain over the baseline with its 95% confidence interval, and the learning
 * curves per configuration. Charts are drawn with XChart and embedded as PNG data URIs.
 */
final class ReportHtml {
    private ReportHtml() {}

    static String render(SweepReport r) {
        System.setProperty("java.awt.headless", "true");
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ablation of sweep ")
                .append(esc(r.sweep())).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1200px}"
                + "table{border-collapse:collapse;font-size:14px}td,th{border:1px solid #ccc;padding:4px 8px;"
                + "text-align:right}th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}"
                + ".sig{font-weight:bold;color:#1a7f37}.neg{color:#b42318}</style></head><body>\n");
        b.append("<h1>Ablation of sweep <code>").append(esc(r.sweep())).append("</code></h1>\n");
        b.append("<p>Each cell: mean &plusmn; sample std over seeds (and folds), then the gain over <code>base</code>. "
                + "Primary metric: <code>").append(esc(r.metric())).append("</code> (")
                .append(r.higherIsBetter() ? "higher" : "lower").append(" is better). Significance: ")
                .append(esc(ReportText.TEST_NAME)).append(".</p>\n");
        b.append("<table><tr><th></th>");
        r.columns().forEach(c -> b.append("<th>").append(esc(c.config())).append("</th>"));
        b.append("</tr>\n");
        for (String m : r.metrics()) {
            b.append("<tr><td>").append(esc(m)).append("</td>");
            for (SweepReport.Column c : r.columns()) {
                SweepReport.Stat s = c.primary(m);
                String delta = ReportText.isBase(c) ? "" : ReportText.signed(s.delta());
                boolean better = !Double.isNaN(s.delta()) && (s.delta() > 0) == r.higherIsBetter();
                String cls = m.equals(r.metric()) && ReportText.significant(c) ? "sig" : better || delta.isEmpty() ? "" : "neg";
                b.append("<td>").append(esc(ReportText.meanStd(s)).replace("+-", "&plusmn;"));
                if (!delta.isEmpty()) {
                    b.append("<br><span class=\"").append(cls).append("\">").append(delta).append("</span>");
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("<tr><td>paired t-test p</td>");
        r.columns().forEach(c -> b.append("<td>").append(ReportText.pValue(c.test())).append("</td>"));
        b.append("</tr>\n<tr><td>ms per step (x base)</td>");
        r.columns().forEach(c -> b.append("<td>").append(c.msPerStep() <= 0 ? "-" : String.format(Locale.ROOT, "%.0f", c.msPerStep())
                + (Double.isNaN(c.msRatio()) || ReportText.isBase(c) ? "" : String.format(Locale.ROOT, " (x%.2f)", c.msRatio())))
                .append("</td>"));
        b.append("</tr>\n<tr><td>peak memory MiB (x base)</td>");
        r.columns().forEach(c -> b.append("<td>").append(c.peakBytes() <= 0 ? "-" : (c.peakBytes() >> 20)
                + (Double.isNaN(c.memoryRatio()) || ReportText.isBase(c) ? "" : String.format(Locale.ROOT, " (x%.2f)", c.memoryRatio())))
                .append("</td>"));
        b.append("</tr>\n</table>\n");
        if (!r.problems().isEmpty()) {
            b.append("<h2>Failed for good</h2><ul>");
            r.problems().forEach(p -> b.append("<li>").append(esc(p)).append("</li>"));
            b.append("</ul>\n");
        }
        b.append("<h2>Gain over base</h2>\n").append(img(deltaChart(r), "gain over base per configuration"));
        b.append("<h2>Learning curves</h2>\n").append(img(curveChart(r), "validation metric by optimizer step"));
        b.append("</body></html>\n");
        return b.toString();
    }

    private static CategoryChart deltaChart(SweepReport r) {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(420)
                .title("gain in " + r.metric() + " over base, with 95% CI (paired over seeds)")
                .xAxisTitle("configuration").yAxisTitle("delta " + r.metric()).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(30);
        List<String> names = new ArrayList<>();
        List<Double> deltas = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (SweepReport.Column c : r.columns()) {
            double d = c.primary(r.metric()).delta();
            if (ReportText.isBase(c) || Double.isNaN(d)) {
                continue;
            }
            names.add(c.config());
            deltas.add(d);
            PairedTTest t = c.test();
            errors.add(t == null || Double.isNaN(t.ciHigh()) ? 0.0 : t.ciHigh() - t.meanDifference());
        }
        if (names.isEmpty()) {
            names.add("(no configuration besides base has finished)");
            deltas.add(0.0);
            errors.add(0.0);
        }
        chart.addSeries("gain", names, deltas, errors);
        return chart;
    }

    private static XYChart curveChart(SweepReport r) {
        XYChart chart = new XYChartBuilder().width(1000).height(420).title(r.metric() + " on the validation split")
                .xAxisTitle("optimizer step").yAxisTitle(r.metric()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        int added = 0;
        for (SweepReport.Column c : r.columns()) {
            if (c.averaged() || c.curve().isEmpty()) {
                continue;
            }
            double[] x = c.curve().stream().mapToDouble(SweepReport.CurvePoint::step).toArray();
            double[] y = c.curve().stream().mapToDouble(SweepReport.CurvePoint::mean).toArray();
            chart.addSeries(c.config(), x, y);
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
