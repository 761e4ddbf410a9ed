package dev.sweep.coordinator.report;

import dev.sweep.coordinator.report.stats.Comparison;
import java.util.Locale;

/** How the report prints its numbers, the same in every format. */
final class Format {
    private Format() {}

    static String meanStd(SweepReport.Stat s) {
        if (Double.isNaN(s.mean())) {
            return s.nan() > 0 ? "NaN" : "-";
        }
        return Double.isNaN(s.std()) ? String.format(Locale.ROOT, "%.4f", s.mean())
                : String.format(Locale.ROOT, "%.4f +- %.4f", s.mean(), s.std());
    }

    static String value(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** An improvement in words: "0.0130 better", "0.0150 worse", "no difference". */
    static String better(double improvement) {
        if (Double.isNaN(improvement)) {
            return "";
        }
        if (improvement == 0) {
            return "no difference";
        }
        return String.format(Locale.ROOT, "%.4f %s", Math.abs(improvement), improvement > 0 ? "better" : "worse");
    }

    /** An interval of the improvement, signed so + = better. */
    static String interval(Comparison c) {
        return c == null || !c.tested() ? "" : String.format(Locale.ROOT, "[%+.4f, %+.4f]", c.ciLow(), c.ciHigh());
    }

    static String p(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        return p >= 0.001 ? String.format(Locale.ROOT, "%.3f", p) : String.format(Locale.ROOT, "%.1e", p);
    }

    static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
