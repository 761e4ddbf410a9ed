package dev.sweep.coordinator.decide;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Monte Carlo of many configurations under one scenario: each draws maxSeeds paired differences
 * (true difference plus noise) and the decider replays its looks over them, so a configuration
 * decided at 5 seeds uses 5. Deterministic for a seed.
 */
final class Simulation {
    /** The noise of one pair, with sd 1 before scaling. */
    interface Noise {
        double draw(Random random);
    }

    static final Noise NORMAL = Random::nextGaussian;

    /** Student's t with 5 df scaled to sd 1 (its variance is 5/3): heavier tails than the normal. */
    static final Noise T5 = r -> {
        double chi = 0;
        for (int i = 0; i < 5; i++) {
            double z = r.nextGaussian();
            chi += z * z;
        }
        return r.nextGaussian() / Math.sqrt(chi / 5) * Math.sqrt(3.0 / 5);
    };

    record Result(String scenario, int configurations, Map<Decision, Integer> counts, double meanSeeds) {
        double fraction(Decision d) {
            return counts.getOrDefault(d, 0) / (double) configurations;
        }

        double falsePositive() {
            return fraction(Decision.BETTER) + fraction(Decision.WORSE);
        }

        /** One line for the test output: every decision's share and the expected seeds. */
        String line() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-58s", scenario));
            for (Decision d : Decision.values()) {
                if (d != Decision.UNDECIDED) {
                    s.append(String.format(Locale.ROOT, " %s %.4f", d.name().toLowerCase(Locale.ROOT), fraction(d)));
                }
            }
            return s.append(String.format(Locale.ROOT, "  expected seeds %.2f", meanSeeds)).toString();
        }
    }

    private Simulation() {}

    static Result run(String scenario, DecisionRule rule, double trueDifference, double sigma, Noise noise,
            int configurations, long seed) {
        SeedsUntilDecided decider = new SeedsUntilDecided(rule, "base");
        Random random = new Random(seed);
        Map<Decision, Integer> counts = new EnumMap<>(Decision.class);
        long seeds = 0;
        double[] d = new double[rule.maxSeeds()];
        for (int c = 0; c < configurations; c++) {
            for (int i = 0; i < d.length; i++) {
                d[i] = trueDifference + sigma * noise.draw(random);
            }
            SeedDecision decision = decider.decide(d);
            counts.merge(decision.decision(), 1, Integer::sum);
            seeds += decision.seeds();
        }
        Result result = new Result(scenario, configurations, counts, seeds / (double) configurations);
        System.out.println(result.line());
        return result;
    }
}
