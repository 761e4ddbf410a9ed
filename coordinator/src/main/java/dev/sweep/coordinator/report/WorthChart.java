package dev.sweep.coordinator.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The "worth its cost" chart as inline SVG: each configuration's gain over the reference (y, +
 * = better) against its cost as a multiple of the reference's (x), the Pareto front drawn as a
 * line through its members, members filled and labelled in bold, dominated ones hollow. Written
 * by hand rather than with XChart so that its labels stay text (searchable, readable at any zoom)
 * and a test can read which point is on the front.
 */
final class WorthChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 40;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final String FRONT = "#1a7f37";
    private static final String DOMINATED = "#667085";

    private WorthChart() {}

    /**
     * @param time true: ms per step; false: peak memory
     * @return the chart, or "" when fewer than two configurations have that cost
     */
    static String svg(SweepReport r, boolean time) {
        Worth w = r.worth();
        if (w == null) {
            return "";
        }
        List<Worth.Point> points = w.points().stream().filter(p -> Double.isFinite(cost(p, time))).toList();
        List<String> front = time ? w.timeFront() : w.memoryFront();
        if (points.size() < 2) {
            return "";
        }
        Range x = Range.of(points.stream().mapToDouble(p -> cost(p, time)).toArray(), 1);
        Range y = Range.of(points.stream().mapToDouble(Worth.Point::gain).toArray(), 0);
        String axis = time ? "ms per step" : "peak memory";
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"worth\" data-axis=\"%s\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                time ? "time" : "memory", WIDTH, HEIGHT, WIDTH, HEIGHT));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s: gain over %s against %s "
                + "(x %s's)</text>%n", LEFT, esc(r.metric()), esc(r.reference()), axis, esc(r.reference())));
        // the plot's frame, the reference's lines (cost x1, gain 0), ticks
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#ccc\"/>%n", LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        b.append(line(px(x, 1), TOP, px(x, 1), HEIGHT - BOTTOM, "#98a2b3", true));
        b.append(line(LEFT, py(y, 0), WIDTH - RIGHT, py(y, 0), "#98a2b3", true));
        for (double t : x.ticks()) {
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">x%s</text>%n",
                    px(x, t), HEIGHT - BOTTOM + 16, Format.brief(t)));
        }
        for (double t : y.ticks()) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%+.4f</text>%n", LEFT - 6,
                    py(y, t) + 4, t));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s as a multiple of %s's "
                + "(cheaper to the left)</text>%n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 20, axis, esc(r.reference())));
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(18 %d) rotate(-90)\" text-anchor=\"middle\">"
                + "gain in %s (+ = better)</text>%n", (TOP + HEIGHT - BOTTOM) / 2, esc(r.metric())));
        List<Worth.Point> members = new ArrayList<>(points.stream().filter(p -> front.contains(p.config())).toList());
        members.sort(Comparator.comparingDouble(p -> cost(p, time)));
        StringBuilder path = new StringBuilder();
        for (Worth.Point p : members) {
            path.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(x, cost(p, time)), py(y, p.gain())));
        }
        b.append("<polyline class=\"front\" fill=\"none\" stroke=\"").append(FRONT).append("\" stroke-width=\"2\" points=\"")
                .append(path.toString().trim()).append("\"/>\n");
        for (Worth.Point p : points) {
            boolean on = front.contains(p.config());
            double cx = px(x, cost(p, time));
            double cy = py(y, p.gain());
            String tip = p.config() + ": x" + String.format(Locale.ROOT, "%.2f", cost(p, time)) + " " + axis + ", "
                    + (p.config().equals(r.reference()) ? "reference" : Format.better(p.gain()))
                    + (on ? "; on the Pareto front" : "; dominated");
            b.append(String.format(Locale.ROOT, "<g class=\"%s\" data-config=\"%s\"><title>%s</title>"
                    + "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\"%s>%s</text></g>%n", on ? "point on-front" : "point dominated",
                    esc(p.config()), esc(tip), cx, cy, on ? FRONT : "white", on ? FRONT : DOMINATED, cx + 8, cy - 8,
                    on ? " font-weight=\"bold\" fill=\"" + FRONT + "\"" : " fill=\"" + DOMINATED + "\"", esc(p.config())));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">filled, bold: on the Pareto front (no "
                + "other configuration cheaper and better); hollow: dominated</text>%n", LEFT, TOP - 6, FRONT));
        return b.append("</svg>\n").toString();
    }

    private static double cost(Worth.Point p, boolean time) {
        return time ? p.msRatio() : p.memoryRatio();
    }

    private static double px(Range x, double v) {
        return LEFT + (v - x.low()) / (x.high() - x.low()) * (WIDTH - LEFT - RIGHT);
    }

    private static double py(Range y, double v) {
        return HEIGHT - BOTTOM - (v - y.low()) / (y.high() - y.low()) * (HEIGHT - TOP - BOTTOM);
    }

    private static String line(double x1, double y1, double x2, double y2, String color, boolean dashed) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x1, y1, x2, y2, color, dashed ? " stroke-dasharray=\"4 4\"" : "");
    }

    /** An axis' span: the values and the reference's own mark, with a margin so no point sits on the frame. */
    private record Range(double low, double high) {
        static Range of(double[] values, double mark) {
            double lo = mark;
            double hi = mark;
            for (double v : values) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            double pad = hi > lo ? (hi - lo) * 0.12 : Math.max(Math.abs(mark) * 0.1, 1e-3);
            return new Range(lo - pad, hi + pad);
        }

        /** Ticks at round numbers (1, 2 or 5 times a power of ten apart), about five inside the span. */
        List<Double> ticks() {
            double raw = (high - low) / 5;
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power
                    : 10 * power;
            List<Double> out = new ArrayList<>();
            // multiples of the step, counted in integers so that no round-off builds up along the axis
            for (long i = (long) Math.ceil(low / step); i <= (long) Math.floor(high / step); i++) {
                out.add(i * step);
            }
            return out;
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
