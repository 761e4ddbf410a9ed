package dev.sweep.coordinator.report;

import dev.sweep.coordinator.report.SweepReport.Column;
import dev.sweep.coordinator.report.stats.Comparison;
import dev.sweep.coordinator.report.stats.Power;
import dev.sweep.coordinator.report.stats.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The ablation table as rows of text, a column per configuration, the same for Markdown and
 * HTML so neither can drop a row the other has. A cell carries a tone (better, worse) for the
 * formats that colour; the tone follows the verdict, never the sign alone.
 */
final class ReportTable {
    enum Tone { PLAIN, BETTER, WORSE }

    record Cell(String text, Tone tone) {
        static Cell of(String text) {
            return new Cell(text, Tone.PLAIN);
        }
    }

    record Row(String label, List<Cell> cells) {}

    private ReportTable() {}

    static List<Row> rows(SweepReport r) {
        List<Row> rows = new ArrayList<>();
        for (String m : r.metrics()) {
            boolean primary = m.equals(r.metric());
            rows.add(new Row(primary ? m + " (" + SweepReport.evaluation(r.select()) + ")" : m,
                    r.columns().stream().map(c -> metricCell(r, c, m, primary)).toList()));
        }
        rows.add(text(r, "per-seed values", c -> String.join(", ", c.values().stream()
                .map(v -> v.label() + " " + Format.value(v.value())).toList())));
        rows.add(text(r, "matched pairs", c -> c.test() == null ? "" : c.test().pairs()
                + (c.test().unit().equals("fold") ? " (" + c.test().differences().size() + " folds)" : "")));
        rows.add(text(r, "p (raw)", c -> c.test() == null ? "" : c.test().tested() ? Format.p(c.test().p())
                : c.test().noTest()));
        rows.add(text(r, "p (Holm)", c -> c.test() == null || !c.test().tested() ? "" : Format.p(c.test().holmP())));
        rows.add(text(r, "95% CI of the difference (+ = better)", c -> Format.interval(c.test())));
        rows.add(new Row("verdict", r.columns().stream().map(c -> new Cell(c.verdict(), tone(c.averaged() ? c.members()
                : c.test()))).toList()));
        rows.add(text(r, "smallest detectable difference (80% power)", c -> c.test() == null || !c.test().tested()
                || c.averaged() ? "" : Format.value(c.test().mde())));
        rows.add(text(r, "seeds needed for the observed difference (80% power)", c -> c.averaged() ? "" : needed(c.test())));
        String other = r.select() == dev.sweep.common.sweep.Checkpoint.LAST ? "best checkpoint (optimistic: chosen on "
                + "the split it is scored on)" : "last evaluation";
        rows.add(text(r, other, c -> c.averaged() ? "" : withImprovement(Format.meanStd(c.other()),
                c.other().improvement())));
        rows.add(text(r, "averaged model vs its members", c -> members(c.members())));
        rows.add(text(r, "skipped steps (non-finite gradient)", c -> c.averaged() ? "" : String.valueOf(c.skippedSteps())));
        rows.add(text(r, "ms per step: median [min-max]", c -> ms(r, c)));
        rows.add(text(r, "peak memory (MiB)", c -> c.cost().peakBytes() <= 0 ? "-"
                : withRatio(r, c, String.valueOf(c.cost().peakBytes() >> 20), c.cost().memoryRatio())));
        rows.add(text(r, "trials finished", c -> c.finished() + "/" + c.total() + (c.failed() > 0 ? ", " + c.failed()
                + " failed" : "") + (r.prunedIn(c.config()) > 0 ? ", " + r.prunedIn(c.config()) + " pruned" : "")));
        rows.add(text(r, "seeds until decided: stopped", c -> r.isReference(c) && !r.decisions().isEmpty() ? "reference"
                : r.decision(c.config()) == null ? "" : r.decision(c.config()).stopped()));
        rows.add(text(r, "seeds until decided: seeds used (pairs)", c -> r.decision(c.config()) == null ? ""
                : r.decision(c.config()).seedsRun() + " (" + r.decision(c.config()).pairs() + ")"));
        rows.add(text(r, "seeds until decided: why", c -> r.decision(c.config()) == null ? ""
                : r.decision(c.config()).why()));
        rows.removeIf(row -> row.cells().stream().allMatch(cell -> cell.text().isBlank()));
        return rows;
    }

    private static Cell metricCell(SweepReport r, Column c, String m, boolean primary) {
        SweepReport.Stat s = c.primary(m);
        String text = withImprovement(Format.meanStd(s), s.improvement());
        Comparison test = c.test();
        boolean decided = primary && test != null && (test.verdict() == Verdict.BETTER || test.verdict() == Verdict.WORSE);
        if (decided) {
            text = text.substring(0, text.length() - 1) + "*)";
        }
        return new Cell(text, primary ? tone(test) : Tone.PLAIN);
    }

    private static String withImprovement(String meanStd, double improvement) {
        return Double.isNaN(improvement) ? meanStd : meanStd + " (" + Format.better(improvement) + ")";
    }

    /** Green for a significant gain, red for a significant loss, nothing for what the test cannot tell. */
    static Tone tone(Comparison c) {
        if (c == null) {
            return Tone.PLAIN;
        }
        return c.verdict() == Verdict.BETTER ? Tone.BETTER : c.verdict() == Verdict.WORSE ? Tone.WORSE : Tone.PLAIN;
    }

    static String needed(Comparison c) {
        if (c == null || !c.tested()) {
            return "";
        }
        if (c.pairsNeeded() == null) {
            return c.unit().equals("fold") ? "not estimated (folds)" : "";
        }
        String needed = count(c.pairsNeeded(), c.improvement());
        if (c.pairsNeededInFamily() != null && !c.pairsNeededInFamily().equals(c.pairsNeeded())) {
            needed += " (" + count(c.pairsNeededInFamily(), c.improvement()) + " after Holm)";
        }
        return needed;
    }

    private static String count(int n, double improvement) {
        if (n < 0) {
            return improvement == 0 ? "none: no observed difference" : "more than " + Power.MAX_UNITS;
        }
        return "about " + n;
    }

    private static String members(Comparison c) {
        if (c == null) {
            return "";
        }
        String text = Double.isNaN(c.improvement()) ? ""
                : Math.abs(c.improvement()) < Format.ROUND_OFF ? "equal to their mean"
                : Format.better(c.improvement()) + " than their mean";
        text += c.tested() ? String.format(Locale.ROOT, "; p %s, Holm p %s", Format.p(c.p()), Format.p(c.holmP()))
                : (text.isEmpty() ? "" : "; ") + c.noTest();
        return c.note() == null || c.unit().equals("fold") ? text : text + "; " + c.note();
    }

    private static String ms(SweepReport r, Column c) {
        SweepReport.Cost cost = c.cost();
        if (cost.msPerStep() <= 0) {
            return "-";
        }
        String text = String.format(Locale.ROOT, "%.0f", cost.msPerStep());
        if (cost.timed() > 1) {
            text += String.format(Locale.ROOT, " [%.0f-%.0f]", cost.msMin(), cost.msMax());
        }
        return withRatio(r, c, text, cost.msRatio());
    }

    static String withRatio(SweepReport r, Column c, String value, double ratio) {
        return r.isReference(c) || Double.isNaN(ratio) ? value : value + String.format(Locale.ROOT, " (x%.2f)", ratio);
    }

    private static Row text(SweepReport r, String label, Function<Column, String> cell) {
        return new Row(label, r.columns().stream().map(c -> Cell.of(cell.apply(c))).toList());
    }
}
