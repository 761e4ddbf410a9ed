package dev.sweep.coordinator.report;

import dev.sweep.coordinator.report.Interactions.Effect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's sections after the ablation table, as rows the Markdown, HTML and terminal forms
 * share (pruned trials, trick interactions, the Pareto fronts), so no form drops a row another has.
 * A section the sweep has nothing for is left out, not printed empty.
 */
final class ReportSections {
    private ReportSections() {}

    static final List<String> PRUNED_HEADER = List.of("configuration", "trial", "evaluations", "reason", "id");
    static final List<String> INTERACTIONS_HEADER = List.of("effect", "estimate (+ = better)", "95% CI", "t", "p (raw)",
            "p (Holm)", "together vs separate gains added");

    static final List<String> TIME_HEADER = List.of("configuration", "trials", "total s", "steps", "evaluation",
            "tokenise", "model load", "setup", "checkpoint", "other", "not steps");

    /** Where each configuration's trials spent their wall time: mean seconds, and each phase's share. */
    static List<List<String>> timeRows(SweepReport r) {
        List<List<String>> rows = new ArrayList<>();
        for (SweepReport.Column c : r.columns()) {
            SweepReport.Phases p = c.cost().time();
            if (p == null) {
                continue;
            }
            rows.add(List.of(c.config(), String.valueOf(p.trials()), String.format(Locale.ROOT, "%.1f", p.total()),
                    share(p.steps(), p.total()), share(p.evaluation(), p.total()), share(p.tokenize(), p.total()),
                    share(p.modelLoad(), p.total()), share(p.setup(), p.total()), share(p.checkpoint(), p.total()),
                    share(p.other(), p.total()), String.format(Locale.ROOT, "%.1f%%", 100 * p.overheadShare())));
        }
        return rows;
    }

    private static String share(double seconds, double total) {
        return String.format(Locale.ROOT, "%.1f s (%.0f%%)", seconds, total <= 0 ? 0 : 100 * seconds / total);
    }

    static String timeMarkdown(SweepReport r) {
        List<List<String>> rows = timeRows(r);
        if (rows.isEmpty()) {
            return "";
        }
        return "\n## Where the time went\n\nMean seconds per trial on its worker, from its start to its files; "
                + "\"not steps\" is everything but the training steps (an averaged model does not train).\n\n"
                + table(TIME_HEADER, rows);
    }

    static List<List<String>> prunedRows(SweepReport r) {
        List<List<String>> rows = new ArrayList<>();
        r.pruned().forEach(p -> rows.add(List.of(p.config(), p.label(), String.valueOf(p.evaluations()), p.reason(),
                p.trialId())));
        return rows;
    }

    /** A row per main effect, then a row per pair; the last column only for pairs. */
    static List<List<String>> interactionRows(Interactions i) {
        List<List<String>> rows = new ArrayList<>();
        i.mainEffects().forEach(e -> rows.add(effectRow(e, "")));
        i.pairs().forEach(p -> rows.add(effectRow(p.effect(), signed(p.together()) + " "
                + String.format(Locale.ROOT, "[%+.4f, %+.4f]", p.togetherLow(), p.togetherHigh()))));
        return rows;
    }

    private static List<String> effectRow(Effect e, String together) {
        return List.of(e.name(), signed(e.effect()), String.format(Locale.ROOT, "[%+.4f, %+.4f]", e.low(), e.high()),
                String.format(Locale.ROOT, "%.2f", e.t()), Format.p(e.p()), Format.p(e.holmP()), together);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.4f", v);
    }

    static String prunedMarkdown(SweepReport r) {
        if (r.pruned().isEmpty()) {
            return "";
        }
        return "\n## Pruned trials\n\nStopped by the pruner on their intermediate evaluations; no result, so left out "
                + "of every mean, gain and test above.\n\n" + table(PRUNED_HEADER, prunedRows(r));
    }

    static String interactionsMarkdown(SweepReport r) {
        Interactions i = r.interactions();
        if (i == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("\n## Trick interactions\n\n");
        i.findings().forEach(f -> b.append("- ").append(f).append('\n'));
        return b.append('\n').append(table(INTERACTIONS_HEADER, interactionRows(i))).toString();
    }

    static String worthMarkdown(SweepReport r) {
        Worth w = r.worth();
        if (w == null || w.timeFront().isEmpty() && w.memoryFront().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\n## Worth its cost\n\nThe Pareto front: no other configuration is both "
                + "cheaper and better (gain over " + r.reference() + ", + = better; cost as a multiple of "
                + r.reference() + "'s), cheapest first. The gains are the point estimates; whether each is told apart "
                + "from " + r.reference() + " is the table's test.\n\n");
        if (!w.timeFront().isEmpty()) {
            b.append("- ms per step: ").append(frontWords(r, w.timeFront(), true)).append('\n');
        }
        if (!w.memoryFront().isEmpty()) {
            b.append("- peak memory: ").append(frontWords(r, w.memoryFront(), false)).append('\n');
        }
        return b.toString();
    }

    /** fgm (x2.10, 0.0130 better), base (x1.00, reference). */
    static String frontWords(SweepReport r, List<String> front, boolean time) {
        List<String> out = new ArrayList<>();
        for (String name : front) {
            Worth.Point p = r.worth().points().stream().filter(q -> q.config().equals(name)).findFirst().orElseThrow();
            double ratio = time ? p.msRatio() : p.memoryRatio();
            String gain = name.equals(r.reference()) ? "reference" : Format.better(p.gain());
            out.add(name + String.format(Locale.ROOT, " (x%.2f, ", ratio) + gain + ")");
        }
        return String.join(", ", out);
    }

    static String interactionsText(Interactions i) {
        StringBuilder b = new StringBuilder("trick interactions (full 2^" + i.tricks().size() + " factorial, "
                + i.trials() + " trials, df " + i.df() + "; + = better):\n");
        String format = "  %-28s %-22s %-20s %7s %9s %9s  %s%n";
        b.append(String.format(Locale.ROOT, format, INTERACTIONS_HEADER.toArray()));
        interactionRows(i).forEach(row -> b.append(String.format(Locale.ROOT, format, row.toArray())));
        i.findings().forEach(f -> b.append("  ").append(f).append('\n'));
        return b.toString();
    }

    private static String table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> b.append("---|"));
        b.append('\n');
        rows.forEach(row -> b.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|"))
                .toList())).append(" |\n"));
        return b.toString();
    }
}
