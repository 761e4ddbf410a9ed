package dev.sweep.coordinator.report;

import dev.sweep.coordinator.report.stats.Comparison;
import dev.sweep.coordinator.report.stats.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * What the comparisons decide, in words: each configuration's verdict, and the report's first
 * lines, which say plainly what this sweep can and cannot tell and what it would take.
 */
final class Verdicts {
    private static final String[] NUMBERS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve"};

    private Verdicts() {}

    /**
     * A training configuration against the reference.
     *
     * @param sample the replication behind the comparison, e.g. "2 seeds" or "4 folds x 2 seeds"
     */
    static String vsReference(Comparison c, String reference, String sample) {
        return switch (c.verdict()) {
            case BETTER -> "better than " + reference + " (Holm p = " + Format.p(c.holmP()) + ")";
            case WORSE -> "worse than " + reference + " (Holm p = " + Format.p(c.holmP()) + ")";
            case NOT_DISTINGUISHABLE -> "not distinguishable from " + reference + " at " + sample;
            case NO_TEST -> "no test: " + c.noTest();
        };
    }

    /** An averaged model against its members. */
    static String vsMembers(Comparison c) {
        String words = switch (c.verdict()) {
            case BETTER -> "better than its members (Holm p = " + Format.p(c.holmP()) + ")";
            case WORSE -> "worse than its members (Holm p = " + Format.p(c.holmP()) + ")";
            case NOT_DISTINGUISHABLE -> "not distinguishable from its members";
            case NO_TEST -> "no test: " + c.noTest();
        };
        return c.note() == null || c.unit().equals("fold") ? words : words + "; " + c.note();
    }

    /** How many seeds (and folds) a comparison rests on, in words. */
    static String sample(int seeds, int folds) {
        String s = seeds + (seeds == 1 ? " seed" : " seeds");
        return folds == 0 ? s : folds + (folds == 1 ? " fold" : " folds") + " x " + s;
    }

    /**
     * The headline: how many configurations the sweep tells apart from the reference, and what
     * the rest would need.
     *
     * @param compared the training configurations other than the reference, with their samples
     */
    static List<String> headline(String reference, List<Compared> compared, boolean folds, String method) {
        List<String> out = new ArrayList<>();
        if (reference == null) {
            out.add("No reference configuration: the table shows each configuration's values and compares none "
                    + "(name one in the spec: report: {reference: NAME}).");
            return out;
        }
        if (compared.isEmpty()) {
            out.add("Nothing to compare with " + reference + " yet: no other configuration has finished a trial.");
            return out;
        }
        List<Compared> decided = compared.stream()
                .filter(c -> c.test().verdict() == Verdict.BETTER || c.test().verdict() == Verdict.WORSE).toList();
        String samples = compared.stream().map(Compared::sample).distinct().count() == 1 ? compared.get(0).sample()
                : "the seeds each has";
        String tests = "Holm-adjusted " + method + ", alpha 0.05";
        if (decided.isEmpty()) {
            String cannot = compared.stream().map(Compared::seeds).distinct().count() == 1 && !folds
                    ? number(compared.get(0).seeds()) + (compared.get(0).seeds() == 1 ? " seed" : " seeds")
                    : "this many seeds";
            out.add("No configuration is distinguishable from " + reference + " at " + samples + " (" + tests + "): "
                    + cannot + " cannot tell " + (compared.size() == 1 ? "it" : "these configurations") + " apart from "
                    + reference + ".");
        } else {
            List<String> which = decided.stream().map(c -> c.config() + " " + c.test().verdict().compact()).toList();
            out.add(decided.size() + " of " + compared.size() + " configuration" + (compared.size() == 1 ? " is" : "s are")
                    + " distinguishable from " + reference + " at " + samples + " (" + tests + "): "
                    + String.join(", ", which) + ".");
        }
        List<String> needs = new ArrayList<>();
        List<String> untested = new ArrayList<>();
        for (Compared c : compared) {
            Comparison t = c.test();
            if (t.verdict() == Verdict.NOT_DISTINGUISHABLE && t.pairsNeeded() != null) {
                needs.add(c.config() + " " + ReportTable.needed(t));
            } else if (t.verdict() == Verdict.NO_TEST) {
                untested.add(c.config() + " (" + t.noTest() + ")");
            }
        }
        if (!needs.isEmpty()) {
            out.add((decided.isEmpty() ? "To" : "For the rest to") + " detect the observed difference with 80% power "
                    + "at two-sided alpha 0.05, the seeds needed: " + String.join(", ", needs)
                    + (needs.stream().anyMatch(n -> n.contains("after Holm")) ? " (\"after Holm\": at 0.05/m, a level "
                    + "Holm's correction over the table's m tests surely passes)" : "")
                    + (compared.stream().anyMatch(c -> c.seeds() == 2) ? "; an sd from 2 seeds rests on one degree of "
                    + "freedom, so these counts are rough" : "") + ".");
        } else if (folds && compared.stream().anyMatch(c -> c.test().verdict() == Verdict.NOT_DISTINGUISHABLE)) {
            out.add("With folds, no seed count is estimated: the test's units are the folds, which more seeds do "
                    + "not add to.");
        }
        if (!untested.isEmpty()) {
            out.add("No test for " + String.join(", ", untested) + ".");
        }
        return out;
    }

    /** A training configuration's comparison, with the seeds (and folds) behind it. */
    record Compared(String config, Comparison test, int seeds, int folds) {
        String sample() {
            return Verdicts.sample(seeds, folds);
        }
    }

    private static String number(int n) {
        return n >= 0 && n < NUMBERS.length ? NUMBERS[n] : String.valueOf(n);
    }

}
