package dev.sweep.coordinator.report;

import dev.sweep.common.codec.Codec;
import dev.sweep.coordinator.plan.SweepPlanner;
import java.util.Locale;

/**
 * The report as text: a terminal table (a row per configuration), Markdown in the shape of
 * DESIGN.md's ablation table (a column per configuration), CSV (a row per configuration and
 * metric) and JSON (the report record).
 */
public final class ReportText {
    static final String TEST_NAME = "two-sided paired t-test over matched seeds and folds; * marks p < 0.05";

    private ReportText() {}

    public static String render(SweepReport r, ReportFormat format) {
        return switch (format) {
            case MD -> markdown(r);
            case CSV -> csv(r);
            case JSON -> Codec.toJson(r);
            case HTML -> ReportHtml.render(r);
        };
    }

    /** A row per configuration, for the terminal. */
    public static String terminal(SweepReport r) {
        StringBuilder b = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-28s %5s  %-19s %-12s %8s  %12s  %12s", "configuration", "done",
                r.metric() + (r.higherIsBetter() ? " (higher)" : " (lower)"), "delta", "p", "ms/step", "peak MiB");
        b.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (SweepReport.Column c : r.columns()) {
            SweepReport.Stat s = c.primary(r.metric());
            String done = c.finished() + "/" + c.total() + (c.failed() > 0 ? "!" : "");
            b.append(String.format(Locale.ROOT, "%-28s %5s  %-19s %-12s %8s  %12s  %12s", c.config(), done,
                    meanStd(s), isBase(c) ? "" : signed(s.delta()), pValue(c.test()),
                    c.msPerStep() <= 0 ? "-" : withRatio(String.format(Locale.ROOT, "%.0f", c.msPerStep()), c.msRatio(), c),
                    c.peakBytes() <= 0 ? "-" : withRatio(String.valueOf(c.peakBytes() >> 20), c.memoryRatio(), c)))
                    .append('\n');
        }
        r.problems().forEach(p -> b.append("failed: ").append(p).append('\n'));
        return b.toString();
    }

    /** DESIGN.md's shape: a column per configuration, a row per metric, then the test and the cost. */
    static String markdown(SweepReport r) {
        StringBuilder b = new StringBuilder();
        b.append("# Ablation of sweep `").append(r.sweep()).append("`\n\n");
        b.append("Each cell: mean +- sample std over seeds (and folds), then the gain over `base`. Primary metric: `")
                .append(r.metric()).append("` (").append(r.higherIsBetter() ? "higher" : "lower")
                .append(" is better). Significance: ").append(TEST_NAME).append(".\n\n");
        b.append("| |");
        r.columns().forEach(c -> b.append(" ").append(c.config()).append(" |"));
        b.append("\n|---|");
        r.columns().forEach(c -> b.append("---|"));
        b.append('\n');
        for (String m : r.metrics()) {
            b.append("| ").append(m).append(" |");
            for (SweepReport.Column c : r.columns()) {
                SweepReport.Stat s = c.primary(m);
                b.append(" ").append(meanStd(s));
                if (!isBase(c) && !Double.isNaN(s.delta())) {
                    b.append(" (").append(signed(s.delta())).append(m.equals(r.metric()) && significant(c) ? "*" : "")
                            .append(")");
                }
                b.append(" |");
            }
            b.append('\n');
        }
        row(b, r, "paired t-test p", c -> pValue(c.test()));
        row(b, r, "95% CI of the gain", c -> c.test() == null || Double.isNaN(c.test().ciLow()) ? ""
                : String.format(Locale.ROOT, "[%+.4f, %+.4f]", c.test().ciLow(), c.test().ciHigh()));
        row(b, r, "ms per step", c -> c.msPerStep() <= 0 ? "-"
                : withRatio(String.format(Locale.ROOT, "%.0f", c.msPerStep()), c.msRatio(), c));
        row(b, r, "peak memory (MiB)", c -> c.peakBytes() <= 0 ? "-" : withRatio(String.valueOf(c.peakBytes() >> 20),
                c.memoryRatio(), c));
        row(b, r, "trials finished", c -> c.finished() + "/" + c.total());
        if (!r.problems().isEmpty()) {
            b.append("\nFailed for good:\n\n");
            r.problems().forEach(p -> b.append("- ").append(p).append('\n'));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, SweepReport r, String name,
            java.util.function.Function<SweepReport.Column, String> cell) {
        b.append("| ").append(name).append(" |");
        r.columns().forEach(c -> b.append(" ").append(cell.apply(c)).append(" |"));
        b.append('\n');
    }

    /** A row per configuration and metric. */
    static String csv(SweepReport r) {
        StringBuilder b = new StringBuilder("config,fma,metric,n,mean,std,delta,p,ci_low,ci_high,ms_per_step,ms_ratio,"
                + "peak_mib,memory_ratio\n");
        for (SweepReport.Column c : r.columns()) {
            for (String m : r.metrics()) {
                SweepReport.Stat s = c.primary(m);
                boolean primary = m.equals(r.metric()) && c.test() != null;
                b.append(String.join(",", c.config(), String.valueOf(c.averaged()), m, String.valueOf(s.n()), num(s.mean()),
                        num(s.std()), num(s.delta()), primary ? num(c.test().p()) : "",
                        primary ? num(c.test().ciLow()) : "", primary ? num(c.test().ciHigh()) : "",
                        num(c.msPerStep()), num(c.msRatio()), String.valueOf(c.peakBytes() >> 20), num(c.memoryRatio())))
                        .append('\n');
            }
        }
        return b.toString();
    }

    static boolean isBase(SweepReport.Column c) {
        return c.config().equals(SweepPlanner.BASELINE);
    }

    static boolean significant(SweepReport.Column c) {
        return c.test() != null && c.test().tested() && c.test().p() < 0.05;
    }

    static String meanStd(SweepReport.Stat s) {
        if (Double.isNaN(s.mean())) {
            return "-";
        }
        return Double.isNaN(s.std()) ? String.format(Locale.ROOT, "%.4f", s.mean())
                : String.format(Locale.ROOT, "%.4f +- %.4f", s.mean(), s.std());
    }

    static String signed(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%+.4f", v);
    }

    static String pValue(PairedTTest t) {
        if (t == null) {
            return "";
        }
        return t.tested() ? String.format(Locale.ROOT, "%.3f", t.p()) : "n/a";
    }

    private static String withRatio(String value, double ratio, SweepReport.Column c) {
        return isBase(c) || Double.isNaN(ratio) ? value : value + String.format(Locale.ROOT, " (x%.2f)", ratio);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
