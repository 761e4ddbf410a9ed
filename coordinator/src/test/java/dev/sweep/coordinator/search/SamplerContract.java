package dev.sweep.coordinator.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every sampler promises; each sampler's test extends this. */
abstract class SamplerContract {
    abstract Sampler sampler(long seed);

    /** A space like a sweep's: a log learning rate, an int, a trick switch with its conditional parameter, a categorical. */
    static final SearchSpace SPACE = SearchSpace.builder()
            .add("training.lr", new FloatDistribution(1e-5, 1e-2, true))
            .add("training.epochs", new IntDistribution(1, 8, false))
            .add("model.hidden", new IntDistribution(16, 512, true))
            .add("tricks.fgm", CategoricalDistribution.of(false, true))
            .addWhen("tricks.fgm.epsilon", new FloatDistribution(0.01, 1.0, false), "tricks.fgm", true)
            .add("training.scheduler", CategoricalDistribution.of("linear", "cosine", "constant"))
            .build();

    static double objective(Map<String, Object> p) {
        double lr = Math.log10((Double) p.get("training.lr")) + 3.5;
        double fgm = Boolean.TRUE.equals(p.get("tricks.fgm")) ? Math.abs((Double) p.get("tricks.fgm.epsilon") - 0.3) : 0.5;
        return lr * lr + fgm + Math.abs((Integer) p.get("training.epochs") - 3) * 0.1
                + Math.abs(Math.log((Integer) p.get("model.hidden") / 128.0)) * 0.2
                + ("cosine".equals(p.get("training.scheduler")) ? 0 : 0.3);
    }

    /** 40 sequential trials: every third pruned with intermediate values, one failed, the rest complete. */
    static List<Map<String, Object>> run(Sampler sampler, int n) {
        List<SearchTrial> trials = new ArrayList<>();
        List<Map<String, Object>> proposals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = sampler.ask(SPACE, trials);
            proposals.add(p);
            SearchTrial t = SearchTrial.running(i, p).report(1, objective(p) + 1).report(2, objective(p) + 0.5);
            trials.add(i == 17 ? t.failed() : i % 3 == 2 ? t.pruned() : t.completed(objective(p)));
        }
        return proposals;
    }

    @Test
    void everyProposalIsInsideTheSpaceWithConditionalsRespected() {
        List<Map<String, Object>> proposals = run(sampler(1), 40);
        for (Map<String, Object> p : proposals) {
            assertTrue(SPACE.admits(p), "not admitted: " + p);
        }
        assertTrue(proposals.stream().anyMatch(p -> p.containsKey("tricks.fgm.epsilon")), "the conditional parameter is never sampled");
        assertTrue(proposals.stream().anyMatch(p -> !p.containsKey("tricks.fgm.epsilon")), "the conditional parameter is always sampled");
    }

    @Test
    void theSameSeedGivesTheSameProposalsAndAnotherSeedOthers() {
        assertEquals(run(sampler(7), 30), run(sampler(7), 30));
        assertNotEquals(run(sampler(7), 30), run(sampler(8), 30));
    }

    @Test
    void askingTwiceWithTheSameTrialsGivesTheSameProposal() {
        Sampler s = sampler(3);
        List<SearchTrial> trials = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Map<String, Object> p = s.ask(SPACE, trials);
            trials.add(SearchTrial.complete(i, p, objective(p)));
        }
        assertEquals(s.ask(SPACE, trials), s.ask(SPACE, trials));
    }

    @Test
    void runningAndPrunedTrialsGiveProposalsInsideTheSpace() {
        Sampler s = sampler(5);
        List<SearchTrial> trials = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, Object> p = s.ask(SPACE, trials);
            assertTrue(SPACE.admits(p), "not admitted: " + p);
            SearchTrial t = SearchTrial.running(i, p);
            trials.add(switch (i % 4) {
                case 0 -> t; // still running: the next asks see it
                case 1 -> t.pruned(); // pruned before any report
                case 2 -> t.report(3, objective(p)).pruned();
                default -> t.completed(objective(p));
            });
        }
        // a batch started together: each ask sees the ones before as running, and they differ
        Map<String, Object> first = s.ask(SPACE, trials);
        trials.add(SearchTrial.running(30, first));
        Map<String, Object> second = s.ask(SPACE, trials);
        assertTrue(SPACE.admits(first) && SPACE.admits(second));
        assertNotEquals(first, second);
    }

    @Test
    void anEmptySpaceGivesAnEmptyProposal() {
        assertEquals(Map.of(), sampler(1).ask(new SearchSpace(List.of()), List.of()));
    }
}
