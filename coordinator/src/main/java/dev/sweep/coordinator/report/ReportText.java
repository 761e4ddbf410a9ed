package dev.sweep.coordinator.report;

import dev.sweep.common.codec.Codec;
import dev.sweep.coordinator.report.SweepReport.Column;
import dev.sweep.coordinator.report.stats.Comparison;
import java.util.List;
import java.util.Locale;

/**
 * The report as text: a terminal table (a row per configuration, the verdict in a word),
 * Markdown in the shape of DESIGN.md's ablation table (a column per configuration, the same
 * rows as the HTML), CSV (a row per configuration and metric) and JSON (the report record).
 */
public final class ReportText {
    private ReportText() {}

    public static String render(SweepReport r, ReportFormat format) {
        return switch (format) {
            case MD -> markdown(r);
            case CSV -> csv(r);
            case JSON -> Codec.toJson(r);
            case HTML -> ReportHtml.render(r);
        };
    }

    /** The headline, then a row per configuration, then what to distrust and what failed. */
    public static String terminal(SweepReport r) {
        StringBuilder b = new StringBuilder();
        r.headline().forEach(h -> b.append(h).append('\n'));
        String format = "%-28s %5s  %-19s %-16s %8s  %-9s  %-20s  %s";
        String vs = r.reference() == null ? "" : "vs " + r.reference();
        String header = String.format(Locale.ROOT, format, "configuration", "done",
                r.metric() + (r.higherIsBetter() ? " (higher)" : " (lower)"), vs.length() > 16 ? "vs reference" : vs,
                "p (Holm)", "verdict", "ms/step", "peak MiB");
        b.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (Column c : r.columns()) {
            SweepReport.Stat s = c.primary(r.metric());
            String done = c.finished() + "/" + c.total() + (c.failed() > 0 ? "!" : "");
            Comparison test = c.averaged() ? c.members() : c.test();
            String verdict = r.isReference(c) ? "reference" : test == null ? "" : test.verdict().compact();
            String difference = c.test() == null ? "" : Format.better(s.improvement())
                    + (ReportTable.tone(c.test()) == ReportTable.Tone.PLAIN ? "" : "*");
            String p = test == null || !test.tested() ? "" : Format.p(test.holmP());
            b.append(String.format(Locale.ROOT, format, c.config(), done, Format.meanStd(s), difference, p, verdict,
                    c.cost().msPerStep() <= 0 ? "-" : ReportTable.withRatio(r, c, String.format(Locale.ROOT, "%.0f",
                            c.cost().msPerStep()), c.cost().msRatio()),
                    c.cost().peakBytes() <= 0 ? "-" : ReportTable.withRatio(r, c, String.valueOf(c.cost().peakBytes() >> 20),
                            c.cost().memoryRatio())).stripTrailing()).append('\n');
        }
        if (r.columns().stream().anyMatch(Column::averaged)) {
            b.append("(+fma rows: p and verdict of the averaged model against its members; the difference is against "
                    + (r.reference() == null ? "the reference's" : r.reference() + "+fma") + ")\n");
        }
        if (!r.decisions().isEmpty()) {
            int m = r.decisions().size();
            b.append("seeds until decided (error rates hold per configuration: a false better or worse among all ")
                    .append(m).append(" has a chance of up to ").append(m).append(" x alpha):\n");
            r.decisions().forEach(d -> b.append(String.format(Locale.ROOT, "  %-28s %-18s %2d seeds (%d pairs)  %s%n",
                    d.config(), d.stopped(), d.seedsRun(), d.pairs(), d.why())));
        }
        if (r.interactions() != null) {
            b.append(ReportSections.interactionsText(r.interactions()));
        }
        if (r.worth() != null && !r.worth().timeFront().isEmpty()) {
            b.append("worth its time (Pareto front, cheapest first): ").append(String.join(", ", r.worth().timeFront()))
                    .append('\n');
        }
        if (r.worth() != null && !r.worth().memoryFront().isEmpty()) {
            b.append("worth its memory (Pareto front, cheapest first): ")
                    .append(String.join(", ", r.worth().memoryFront())).append('\n');
        }
        r.warnings().forEach(w -> b.append("warning: ").append(w).append('\n'));
        r.problems().forEach(p -> b.append("failed: ").append(p).append('\n'));
        r.pruned().forEach(p -> b.append("pruned: ").append(p.config()).append(' ').append(p.label()).append(" after ")
                .append(p.evaluations()).append(p.evaluations() == 1 ? " evaluation" : " evaluations").append(" (")
                .append(p.trialId()).append("): ").append(p.reason()).append('\n'));
        return b.toString();
    }

    /** DESIGN.md's shape: a column per configuration, a row per metric, then the tests, the verdict and the cost. */
    static String markdown(SweepReport r) {
        StringBuilder b = new StringBuilder();
        b.append("# Ablation of sweep `").append(r.sweep()).append("`\n\n");
        r.headline().forEach(h -> b.append("**").append(h).append("**\n"));
        b.append('\n');
        r.methods().forEach(m -> b.append("- ").append(m).append('\n'));
        b.append('\n');
        if (!r.warnings().isEmpty()) {
            r.warnings().forEach(w -> b.append("> **Warning:** ").append(w).append("\n>\n"));
            b.setLength(b.length() - 2);
            b.append('\n');
        }
        List<ReportTable.Row> rows = ReportTable.rows(r);
        b.append("| |");
        r.columns().forEach(c -> b.append(" ").append(c.config()).append(" |"));
        b.append("\n|---|");
        r.columns().forEach(c -> b.append("---|"));
        b.append('\n');
        for (ReportTable.Row row : rows) {
            b.append("| ").append(row.label()).append(" |");
            row.cells().forEach(cell -> b.append(" ").append(cell.text().replace("|", "\\|")).append(" |"));
            b.append('\n');
        }
        if (!r.problems().isEmpty()) {
            b.append("\nFailed for good:\n\n");
            r.problems().forEach(p -> b.append("- ").append(p).append('\n'));
        }
        b.append(ReportSections.prunedMarkdown(r));
        b.append(ReportSections.interactionsMarkdown(r));
        b.append(ReportSections.worthMarkdown(r));
        b.append(ReportSections.timeMarkdown(r));
        return b.toString();
    }

    /**
     * A row per configuration and metric; the test's columns on the primary metric's row (an
     * averaged model's: against the reference's average, and against its members in the
     * members_ columns), and there too a seeds-until-decided sweep's decision. The members_
     * columns stay last, where readers of older files find them.
     */
    static String csv(SweepReport r) {
        StringBuilder b = new StringBuilder("config,fma,metric,select,n,nan,mean,std,pairs,improvement,p,p_holm,ci_low,"
                + "ci_high,verdict,mde,seeds_needed,values,other_mean,other_std,ms_per_step,ms_min,ms_max,ms_ratio,"
                + "peak_mib,memory_ratio,skipped_steps,pruned,decision,seeds_run,decision_pairs,decision_why,"
                + "members_improvement,members_p,members_p_holm,members_verdict\n");
        for (Column c : r.columns()) {
            for (String m : r.metrics()) {
                SweepReport.Stat s = c.primary(m);
                boolean primary = m.equals(r.metric());
                Comparison t = primary ? c.test() : null;
                Comparison fma = primary ? c.members() : null;
                boolean tested = t != null && t.tested();
                String values = primary ? String.join(";", c.values().stream()
                        .map(v -> v.label() + "=" + Format.number(v.value())).toList()) : "";
                b.append(String.join(",", c.config(), String.valueOf(c.averaged()), m, SweepReport.lower(r.select()),
                        String.valueOf(s.n()), String.valueOf(s.nan()), Format.number(s.mean()), Format.number(s.std()),
                        String.valueOf(s.pairs()), Format.number(s.improvement()), tested ? Format.number(t.p()) : "",
                        tested ? Format.number(t.holmP()) : "", tested ? Format.number(t.ciLow()) : "",
                        tested ? Format.number(t.ciHigh()) : "", t == null ? "" : SweepReport.lower(t.verdict()),
                        tested ? Format.number(t.mde()) : "", tested && t.pairsNeeded() != null
                                ? String.valueOf(t.pairsNeeded()) : "", values,
                        primary ? Format.number(c.other().mean()) : "", primary ? Format.number(c.other().std()) : "",
                        Format.number(c.cost().msPerStep()), Format.number(c.cost().msMin()),
                        Format.number(c.cost().msMax()), Format.number(c.cost().msRatio()),
                        String.valueOf(c.cost().peakBytes() >> 20), Format.number(c.cost().memoryRatio()),
                        String.valueOf(c.skippedSteps()), String.valueOf(r.prunedIn(c.config())),
                        decision(r, c, primary), fma == null ? "" : Format.number(fma.improvement()),
                        fma == null || !fma.tested() ? "" : Format.number(fma.p()),
                        fma == null || !fma.tested() ? "" : Format.number(fma.holmP()),
                        fma == null ? "" : SweepReport.lower(fma.verdict()))).append('\n');
            }
        }
        return b.toString();
    }

    /** decision, seeds_run, decision_pairs, decision_why: on the primary metric's row of a decided sweep. */
    private static String decision(SweepReport r, Column c, boolean primary) {
        SweepReport.SeedStop d = primary ? r.decision(c.config()) : null;
        if (d == null) {
            return ",,,";
        }
        return String.join(",", SweepReport.lower(d.decision()), String.valueOf(d.seedsRun()), String.valueOf(d.pairs()),
                csvField(d.why()));
    }

    /** A field quoted as RFC 4180 asks when it holds a comma, a quote or a line break. */
    static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
