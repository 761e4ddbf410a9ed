package dev.sweep.worker.train;

import dev.sweep.common.trial.EvalPoint;
import java.io.PrintStream;
import java.util.Locale;

/** A progress bar on a terminal (redrawn in place) or one line per report in a log. */
public final class ConsoleProgress implements TrainingListener {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final boolean inPlace;
    private final long start = System.nanoTime();

    public ConsoleProgress(PrintStream out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    /**
     * Progress on stderr, so that stdout carries the result alone ({@code ./sweep train T.yaml | jq .}).
     * Redrawn in place only on an interactive terminal: before JDK 22 {@code System.console()} is
     * null unless stdin and stdout are terminals; from JDK 22 it exists when they are redirected
     * too, and {@code Console.isTerminal()} says whether they are.
     */
    public static ConsoleProgress stderr() {
        return new ConsoleProgress(System.err, interactive());
    }

    static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true; // before JDK 22 a console exists only on a terminal
        }
    }

    @Override
    public void onProgress(Progress p) {
        int filled = (int) Math.round(WIDTH * (double) p.step() / p.totalSteps());
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = p.step() == 0 ? 0 : elapsed / p.step() * (p.totalSteps() - p.step());
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        String line = String.format(Locale.ROOT, "epoch %d/%d [%s] step %d/%d  loss %.4f  lr %.2e  %.1f samples/s  eta %s",
                p.epoch(), p.epochs(), bar, p.step(), p.totalSteps(), p.loss(), p.lr(), p.samplesPerSecond(),
                duration(eta));
        if (inPlace) {
            out.print("\r" + line);
            if (p.step() == p.totalSteps()) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void onEvaluated(EvalPoint point) {
        StringBuilder b = new StringBuilder(inPlace ? "\n" : "");
        b.append(String.format(Locale.ROOT, "eval epoch %d step %d  train_loss %.4f", point.epoch(), point.step(),
                point.trainLoss()));
        point.metrics().forEach((k, v) -> b.append(String.format(Locale.ROOT, "  %s %.4f", k, v)));
        out.println(b);
        out.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
