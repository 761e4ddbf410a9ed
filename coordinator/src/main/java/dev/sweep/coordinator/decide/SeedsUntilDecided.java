package dev.sweep.coordinator.decide;

import static dev.sweep.common.trial.Checks.require;

import java.util.List;
import java.util.Locale;

/**
 * Decides, from a configuration's paired differences from its reference in seed order, whether
 * it is better, worse, equivalent within the minimum effect, or needs another seed, by the
 * group-sequential design of {@link SequentialDesign} (Lan-DeMets O'Brien-Fleming-type spending,
 * boundaries on the t scale; two one-sided tests for equivalence).
 *
 * <p>It is a pure function of the differences: it replays the looks n = minSeeds, minSeeds + 1,
 * ... up to the pairs given, and the first look whose boundary is crossed decides. A decision once
 * reached stands whatever later seeds show: deciding again on more data would spend error the
 * design has not budgeted. At each look, better/worse (|t| at or beyond the two-sided bound) is
 * tested before equivalence, so a configuration whose difference is clearly non-zero but smaller
 * than the minimum effect is called better (or worse), and its reason says it is within the
 * minimum effect.
 *
 * <p>The error rates hold per configuration. Over several configurations against one reference,
 * the chance that any is falsely better or worse grows with their number; pass alpha / m
 * (Bonferroni) in the rule for a family-wise rate.
 */
public final class SeedsUntilDecided {
    private final DecisionRule rule;
    private final SequentialDesign design;
    private final String against;

    /** @param against what the configurations are compared with, for the reasons, e.g. {@code base} */
    public SeedsUntilDecided(DecisionRule rule, String against) {
        require(rule != null, "seeds until decided needs a rule");
        require(against != null && !against.isBlank(), "seeds until decided must name what it compares against");
        this.rule = rule;
        this.design = SequentialDesign.of(rule);
        this.against = against;
    }

    public DecisionRule rule() {
        return rule;
    }

    public SequentialDesign design() {
        return design;
    }

    /** @param differences one per seed pair in the order the seeds were run, positive = better */
    public SeedDecision decide(List<Double> differences) {
        require(differences != null, "differences must not be null");
        return decide(differences.stream().mapToDouble(d -> {
            require(d != null, "a difference must not be null");
            return d;
        }).toArray());
    }

    /** @param differences one per seed pair in the order the seeds were run, positive = better */
    public SeedDecision decide(double[] differences) {
        int n = differences.length;
        require(n <= rule.maxSeeds(), "the rule allows at most " + rule.maxSeeds() + " seeds (seeds.max), but got "
                + n + " pairs");
        for (int i = 0; i < n; i++) {
            require(Double.isFinite(differences[i]), "a difference must be finite, but pair " + (i + 1) + " is "
                    + differences[i]);
        }
        if (n < rule.minSeeds()) {
            double mean = mean(differences, n);
            return new SeedDecision(Decision.UNDECIDED, n, mean, Double.NaN, Double.NaN, Double.NaN,
                    "undecided: " + rule.minSeeds() + " seeds before the first look, " + n + " so far");
        }
        SeedDecision last = null;
        for (int seeds = rule.minSeeds(); seeds <= n; seeds++) {
            last = look(differences, seeds);
            if (last.decision() != Decision.UNDECIDED) {
                return last;
            }
        }
        return last;
    }

    /** The look at the first {@code seeds} differences. */
    private SeedDecision look(double[] d, int seeds) {
        double mean = mean(d, seeds);
        double ss = 0;
        for (int i = 0; i < seeds; i++) {
            ss += (d[i] - mean) * (d[i] - mean);
        }
        double sd = Math.sqrt(ss / (seeds - 1));
        // a spread or mean a trillion times below the minimum effect is round-off (identical
        // values subtracted), not a signal; a t on it would be noise divided by noise
        double roundOff = 1e-12 * rule.minEffect();
        if (sd <= roundOff) {
            sd = 0;
            mean = Math.abs(mean) <= roundOff ? 0 : mean;
        }
        double se = sd / Math.sqrt(seeds);
        double b2 = design.efficacyBound(seeds);
        double b1 = design.equivalenceBound(seeds);
        double low = mean - b2 * se;
        double high = mean + b2 * se;
        double eqLow = mean - b1 * se;
        double eqHigh = mean + b1 * se;
        boolean within = eqLow > -rule.minEffect() && eqHigh < rule.minEffect();
        double confidence = 1 - rule.alpha();
        String interval = interval(confidence, low, high);
        if (low > 0 || high < 0) { // |t| >= b2, written so that se = 0 with a non-zero mean decides too
            Decision decision = low > 0 ? Decision.BETTER : Decision.WORSE;
            String why = (low > 0 ? "better than " : "worse than ") + against + ": difference " + number(mean) + " ("
                    + interval + "), decided at " + seeds + " seeds"
                    + (within ? "; smaller than the minimum effect ±" + number(rule.minEffect()) : "");
            return new SeedDecision(decision, seeds, mean, low, high, confidence, why);
        }
        if (within) {
            double eqConfidence = 1 - 2 * rule.alpha();
            return new SeedDecision(Decision.EQUIVALENT, seeds, mean, eqLow, eqHigh, eqConfidence,
                    "equivalent to " + against + " within ±" + number(rule.minEffect()) + " at " + seeds
                            + " seeds: difference " + number(mean) + " (" + interval(eqConfidence, eqLow, eqHigh) + ")");
        }
        if (seeds == rule.maxSeeds()) {
            return new SeedDecision(Decision.OUT_OF_SEEDS, seeds, mean, low, high, confidence,
                    "out of seeds: " + seeds + " seeds could not decide; observed " + number(mean) + " (" + interval
                            + "), neither apart from 0 nor within ±" + number(rule.minEffect()) + noisier(sd));
        }
        return new SeedDecision(Decision.UNDECIDED, seeds, mean, low, high, confidence,
                "undecided after " + seeds + " of at most " + rule.maxSeeds() + " seeds: difference " + number(mean)
                        + " (" + interval + "); give it another seed");
    }

    /** Why it ran out, when the noise is the reason: above the level up to which the rule has its power. */
    private String noisier(double sd) {
        double enough = design.noiseForPower();
        if (sd <= enough) {
            return "";
        }
        return "; the pairs' sd " + number(sd) + " is above " + number(enough) + ", the noise up to which "
                + rule.maxSeeds() + " seeds have " + percent(rule.power()) + "% power for a difference of "
                + number(rule.minEffect());
    }

    private static double mean(double[] d, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += d[i];
        }
        return sum / n;
    }

    private static String interval(double confidence, double low, double high) {
        return String.format(Locale.ROOT, "%s%% repeated CI [%s, %s]", percent(confidence), number(low), number(high));
    }

    private static String percent(double confidence) {
        double p = confidence * 100;
        return Math.abs(p - Math.rint(p)) < 1e-9 ? String.valueOf((long) Math.rint(p))
                : String.format(Locale.ROOT, "%.1f", p);
    }

    /** A difference as the report prints it: four decimals, or three significant digits when smaller. */
    static String number(double v) {
        return Math.abs(v) >= 1e-3 || v == 0 ? String.format(Locale.ROOT, "%.4f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }
}
