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
    void aRunningTrialCountsAsTheWorstSoItsRegionIsNotProposedAgain() {
        // 20 trials spread over the line; one running trial sits right at the optimum. With the
        // constant liar it falls in the bad group, so g(x) rises there and the proposal moves away
        // from it compared with the same history where that trial completed with the best value.
        List<SearchTrial> history = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double x = -10 + i;
            history.add(SearchTrial.complete(i, Map.of("x", x), (x - 2.5) * (x - 2.5)));
        }
        List<SearchTrial> running = new ArrayList<>(history);
        running.add(SearchTrial.running(20, Map.of("x", 2.5)));
        List<SearchTrial> completed = new ArrayList<>(history);
        completed.add(SearchTrial.complete(20, Map.of("x", 2.5), 0.0));
        int fartherWithLiar = 0;
        for (int s = 0; s < 30; s++) {
            Sampler tpe = new TpeSampler(Direction.MINIMIZE, s);
            double a = Math.abs((Double) tpe.ask(LINE, running).get("x") - 2.5);
            double b = Math.abs((Double) tpe.ask(LINE, completed).get("x") - 2.5);
            if (a > b) {
                fartherWithLiar++;
            }
        }
        assertTrue(fartherWithLiar > 15, "proposals farther from the running trial's point in " + fartherWithLiar + " of 30 seeds");
    }
}
