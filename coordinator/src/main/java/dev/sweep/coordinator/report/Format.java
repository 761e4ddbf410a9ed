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

    /**
     * Below this a difference of metrics (values near 1) is round-off, not a difference: 0.96 -
     * 0.9767 and 0.9633 - 0.98 differ by 1e-17.
     */
    static final double ROUND_OFF = 1e-12;

    /** An improvement in words: "0.0130 better", "0.0150 worse", "no difference". */
    static String better(double improvement) {
        if (Double.isNaN(improvement)) {
            return "";
        }
        if (Math.abs(improvement) < ROUND_OFF) {
            return "no difference";
        }
        String size = Math.abs(improvement) >= 5e-5 ? String.format(Locale.ROOT, "%.4f", Math.abs(improvement))
                : String.format(Locale.ROOT, "%.1e", Math.abs(improvement));
        return size + (improvement > 0 ? " better" : " worse");
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

    /** A setting in as few digits as it needs (four significant at most): 0.05, 0.8, 1e-05 as 0.00001. */
    static String brief(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }
}
