package dev.sweep.coordinator.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TpeSamplerTest extends SamplerContract {
    @Override
    Sampler sampler(long seed) {
        return new TpeSampler(Direction.MINIMIZE, seed);
    }

    private static final SearchSpace LINE = SearchSpace.builder().add("x", new FloatDistribution(-10, 10, false)).build();

    private static double bestOfQuadratic(Sampler s, int trials) {
        List<SearchTrial> history = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < trials; i++) {
            Map<String, Object> p = s.ask(LINE, history);
            double x = (Double) p.get("x");
            double v = (x - 2) * (x - 2);
            history.add(SearchTrial.complete(i, p, v));
            best = Math.min(best, v);
        }
        return best;
    }

    @Test
    void tpeBeatsRandomOnAOneDimensionalQuadraticOverThirtySeeds() {
        double[] tpe = new double[30];
        double[] random = new double[30];
        for (int s = 0; s < 30; s++) {
            tpe[s] = bestOfQuadratic(new TpeSampler(Direction.MINIMIZE, s), 40);
            random[s] = bestOfQuadratic(new RandomSampler(s), 40);
        }
        double tpeMedian = SearchBenchmark.median(tpe);
        double randomMedian = SearchBenchmark.median(random);
        assertTrue(tpeMedian * 2 < randomMedian, "median best after 40 trials: TPE " + tpeMedian + ", random " + randomMedian);
    }

    @Test
    void theFirstTenProposalsAreTheRandomSamplersAndTheEleventhIsNot() {
        Sampler tpe = new TpeSampler(Direction.MINIMIZE, 11);
        Sampler random = new RandomSampler(11);
        List<SearchTrial> history = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> p = tpe.ask(SPACE, history);
            assertEquals(random.ask(SPACE, history), p);
            history.add(SearchTrial.complete(i, p, objective(p)));
        }
        assertNotEquals(random.ask(SPACE, history), tpe.ask(SPACE, history));
    }

    @Test
    void maximizingTheNegatedObjectiveFindsTheSameRegion() {
        List<SearchTrial> history = new ArrayList<>();
        Sampler s = new TpeSampler(Direction.MAXIMIZE, 4);
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 40; i++) {
            Map<String, Object> p = s.ask(LINE, history);
            double x = (Double) p.get("x");
            double v = -(x - 2) * (x - 2);
            history.add(SearchTrial.complete(i, p, v));
            best = Math.max(best, v);
        }
        assertTrue(best > -0.05, "best of 40 when maximising -(x-2)^2: " + best);
    }

    @Test
    void aRunningTrialIsTheConstantLiarRankedBelowEveryFinishedTrial() {
        // 30 finished trials: gamma(30) = 3 good ones. The running trial at the optimum would be
        // the best if it counted with any real value; as the liar it is ranked last, and it does
        // not count towards n. Pruned trials rank after complete ones, the one that got further first.
        List<SearchTrial> trials = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            trials.add(SearchTrial.complete(i, Map.of("x", (double) i), 10.0 + i));
        }
        trials.add(SearchTrial.running(28, Map.of("x", 2.0)).report(1, 0.0).report(5, -1.0).pruned());
        trials.add(SearchTrial.running(29, Map.of("x", 2.0)).report(1, -5.0).pruned());
        trials.add(SearchTrial.running(30, Map.of("x", 2.0)));
        boolean[] good = new TpeSampler(Direction.MINIMIZE, 0).goodGroup(trials, 30);
        List<Integer> goodOnes = new ArrayList<>();
        for (int i = 0; i < good.length; i++) {
            if (good[i]) {
                goodOnes.add(i);
            }
        }
        assertEquals(List.of(0, 1, 2), goodOnes);
        List<SearchTrial> onlyPruned = new ArrayList<>(trials.subList(28, 31));
        boolean[] pruned = new TpeSampler(Direction.MINIMIZE, 0).goodGroup(onlyPruned, 2); // gamma(2) = 1
        assertTrue(pruned[0] && !pruned[1] && !pruned[2], "the pruned trial that reached step 5 ranks first");
    }
}
