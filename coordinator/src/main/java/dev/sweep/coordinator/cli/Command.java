package dev.sweep.coordinator.cli;

import dev.sweep.common.cli.Options;
import java.util.Arrays;
import java.util.List;

/**
 * The coordinator's subcommands, each with exactly the flags it takes: the one place a flag is
 * declared for a subcommand, read by the parser and by the usage text. A flag another
 * subcommand takes is refused rather than ignored ({@code report --workers 3} would otherwise
 * run and quietly start nothing).
 */
enum Command {
    RUN("run", "SPEC.yaml", "[--workers N] [--threads T] [--bootstrap HOST:PORT[,HOST:PORT...]] [--data-dir DIR]\n"
            + "[--kafka-config FILE] [--metrics-port P] [--metrics-host H] [--hold SECONDS] [--preflight on|off]\n"
            + "[--replication N] [--min-insync M]",
            "--workers", "--threads", "--bootstrap", "--data-dir", "--kafka-config", "--metrics-port", "--metrics-host",
            "--hold", "--preflight", "--replication", "--min-insync"),
    SUBMIT("submit", "SPEC.yaml", "--bootstrap HOST:PORT[,HOST:PORT...] [--kafka-config FILE] [--data-dir DIR]\n"
            + "[--preflight on|off] [--replication N] [--min-insync M]",
            "--bootstrap", "--kafka-config", "--data-dir", "--preflight", "--replication", "--min-insync"),
    STATUS("status", "SWEEP", "[--bootstrap HOST:PORT] [--data-dir DIR] [--kafka-config FILE]",
            "--bootstrap", "--data-dir", "--kafka-config"),
    CANCEL("cancel", "SWEEP", "[--bootstrap HOST:PORT] [--data-dir DIR] [--kafka-config FILE]",
            "--bootstrap", "--data-dir", "--kafka-config"),
    REPORT("report", "SWEEP", "[--format md|csv|json|html] [--out DIR] [--bootstrap HOST:PORT] [--data-dir DIR]\n"
            + "[--kafka-config FILE]",
            "--format", "--out", "--bootstrap", "--data-dir", "--kafka-config"),
    ENSEMBLE("ensemble", "SWEEP", "[--configs A,B,...] [--select last|best] [--out DIR] [--bootstrap HOST:PORT]\n"
            + "[--data-dir DIR] [--kafka-config FILE]",
            "--configs", "--select", "--out", "--bootstrap", "--data-dir", "--kafka-config"),
    COMPARE("compare", "SWEEP|REPORT.json [SWEEP|REPORT.json...]", "[--format md|csv|json|html] [--out DIR]\n"
            + "[--bootstrap HOST:PORT] [--data-dir DIR] [--kafka-config FILE]",
            "--format", "--out", "--bootstrap", "--data-dir", "--kafka-config");

    private final String word;
    private final String operand;
    private final String synopsis;
    private final List<String> flags;

    Command(String word, String operand, String synopsis, String... flags) {
        this.word = word;
        this.operand = operand;
        this.synopsis = synopsis;
        this.flags = List.of(flags);
    }

    /** The subcommand a word names, or null. */
    static Command named(String word) {
        return Arrays.stream(values()).filter(c -> c.word.equals(word)).findFirst().orElse(null);
    }

    String word() {
        return word;
    }

    List<String> flags() {
        return flags;
    }

    /** @throws IllegalArgumentException for a flag this subcommand does not take, or a missing value */
    Options parse(List<String> args) {
        return Options.parse(word, args, flags);
    }

    /** This subcommand's lines of the usage text, continuation lines indented under the first. */
    String usage() {
        String head = "sweep " + word + " " + operand + " ";
        return head + synopsis.replace("\n", "\n" + " ".repeat(head.length()));
    }

    /** The usage text of every subcommand. */
    static String usageText() {
        StringBuilder b = new StringBuilder();
        for (Command c : values()) {
            b.append(b.length() == 0 ? "usage: " : "       ").append(c.usage().replace("\n", "\n       ")).append('\n');
        }
        return b.toString().stripTrailing();
    }
}
