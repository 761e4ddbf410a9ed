package dev.sweep.coordinator.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.codec.ConfigException;
import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.state.SweepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's ensembles from prediction files in the workers' format, with values worked out by hand. */
class EnsemblesTest {
    @TempDir
    Path dir;

    private final SweepState state = new SweepState("e");

    /** A completed regression trial whose predictions-last.csv holds {@code predictions} for rows 0..n-1 (truth 0). */
    private void trial(String config, long seed, double[] predictions) throws Exception {
        trial(config, seed, null, 0, predictions);
    }

    /** As above, for fold {@code fold}, its rows starting at {@code firstRow}. */
    private void trial(String config, long seed, Integer fold, int firstRow, double[] predictions) throws Exception {
        String id = config + "-" + seed + (fold == null ? "" : "-f" + fold);
        Path out = dir.resolve(id);
        Files.createDirectories(out);
        StringBuilder b = new StringBuilder("row,a,target_a\n");
        for (int i = 0; i < predictions.length; i++) {
            b.append(firstRow + i).append(',').append(predictions[i]).append(",0\n");
        }
        Files.writeString(out.resolve("predictions-last.csv"), b.toString());
        TreeMap<String, Double> m = new TreeMap<>(Map.of("mcrmse", 1.0));
        state.apply(new TrialEvent.Queued(1, "e", id, 1, 0, TrialKind.TRAIN, config, Map.of(), seed, fold, List.of(), 2, "p"));
        state.apply(new TrialEvent.Started(1, "e", id, 1, 0, "w", "cpu"));
        state.apply(new TrialEvent.Completed(1, "e", id, 1, 0, "w", new TrialResult("mcrmse", false, m, 1, m,
                List.of(EvalPoint.of(1, 1, 0, m)), 1, 0, 1, 1, 1, 1, 1, out.toString())));
    }

    @Test
    void seedAveragesAndTheBlendAreScoredAndTheFitIsScoredOnRowsItDidNotSee() throws Exception {
        // truth 0 on 8 rows. Config x's seeds err by +1 and -1 on every row: alone RMSE 1 each, averaged 0.
        // Config y's single seed errs by +0.5: RMSE 0.5. The blend of x's average (0) and y (0.5): equal weights give
        // 0.25; hill climbing puts (almost) all weight on x's average: 1/101 on y at most, never more than needed.
        double[] plus = {1, 1, 1, 1, 1, 1, 1, 1};
        double[] minus = {-1, -1, -1, -1, -1, -1, -1, -1};
        double[] half = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        trial("x", 1, plus);
        trial("x", 2, minus);
        trial("y", 1, half);
        EnsembleReport r = new Ensembles(Checkpoint.LAST).of(state, List.of());
        assertEquals("mcrmse", r.metric());
        EnsembleReport.SeedAverage x = r.seedAverages().get(0);
        assertEquals("x", x.configuration());
        assertEquals(1.0, x.singleMean(), 1e-12);
        assertEquals(0.0, x.averaged(), 1e-12, "the seeds' errors cancel");
        EnsembleReport.Blend blend = r.blend();
        assertEquals(8, blend.rows());
        assertEquals(0.25, blend.plain(), 1e-12);
        assertEquals(0.25, blend.plainHalves(), 1e-12, "each half errs by 0.25 everywhere");
        assertEquals(1.0, blend.weights().get("x"), 1e-12, "the greedy fit never adds y: any weight on it costs");
        assertEquals(0.0, blend.inSample(), 1e-12);
        assertEquals(0.0, blend.honest(), 1e-12, "the same weights on the held-out half");
        assertEquals(2, blend.halfWeights().size());
    }

    @Test
    void weightsFitToOneHalfThatTheOtherHalfContradictsScoreWorseHeldOutThanThePlainAverage() throws Exception {
        // truth 0 on 8 rows; config p is exact on the first half of the random split and errs by 1 on the second,
        // config q the other way round. Fit on the first half, all weight goes to p, which errs by 1 on the second
        // half (RMSE 1); fit on the second, all on q, RMSE 1 on the first: honest 1. The plain average errs by 0.5
        // everywhere: 0.5 on each half. Fit on all rows, the weights come as close to equal as 101 additions allow
        // (51/101, 50/101), so the in-sample RMSE is sqrt((w_p^2 + w_q^2) / 2) = 0.500025, optimistic next to 1.
        int[][] halves = Ensembles.halves(8);
        double[] p = new double[8];
        double[] q = new double[8];
        for (int r : halves[1]) {
            p[r] = 1;
        }
        for (int r : halves[0]) {
            q[r] = 1;
        }
        trial("p", 1, p);
        trial("q", 1, q);
        EnsembleReport.Blend blend = new Ensembles(Checkpoint.LAST).of(state, List.of()).blend();
        assertEquals(1.0, blend.halfWeights().get(0).get("p"), 1e-12, "fit on the first half: all on p");
        assertEquals(1.0, blend.halfWeights().get(1).get("q"), 1e-12, "fit on the second half: all on q");
        assertEquals(1.0, blend.honest(), 1e-12);
        assertEquals(0.5, blend.plainHalves(), 1e-12);
        assertEquals(0.5, blend.plain(), 1e-12);
        double wp = 51.0 / 101;
        double wq = 50.0 / 101;
        assertEquals(Math.sqrt((wp * wp + wq * wq) / 2), blend.inSample(), 1e-12);
        assertEquals(0.500025, blend.inSample(), 1e-6);
    }

    @Test
    void withFoldsEachSeedsFoldsTogetherPredictEveryRowOutOfFold() throws Exception {
        // two folds of 4 rows each, two seeds: seed 1 errs +1 on fold 0 and +3 on fold 1, seed 2 errs -1 and -3;
        // each seed alone over its 8 out-of-fold rows: RMSE sqrt((4 * 1 + 4 * 9) / 8) = sqrt(5); averaged: 0
        trial("x", 1, 0, 0, new double[] {1, 1, 1, 1});
        trial("x", 1, 1, 4, new double[] {3, 3, 3, 3});
        trial("x", 2, 0, 0, new double[] {-1, -1, -1, -1});
        trial("x", 2, 1, 4, new double[] {-3, -3, -3, -3});
        EnsembleReport.SeedAverage x = new Ensembles(Checkpoint.LAST).of(state, List.of()).seedAverages().get(0);
        assertEquals(2, x.seeds());
        assertEquals(8, x.rows(), "every row, each predicted by the fold that held it out");
        assertEquals(Math.sqrt(5), x.singleMean(), 1e-12);
        assertEquals(0.0, x.averaged(), 1e-12);
    }

    @Test
    void oneConfigurationHasNoBlendAndANamedConfigurationMustExist() throws Exception {
        trial("x", 1, new double[] {1, 1, 1, 1});
        trial("x", 2, new double[] {1, 1, 1, 1});
        assertNull(new Ensembles(Checkpoint.LAST).of(state, List.of()).blend());
        String m = assertThrows(IllegalArgumentException.class, () -> new Ensembles(Checkpoint.LAST).of(state, List.of("z")))
                .getMessage();
        assertTrue(m.contains("--configs: 'z' has no completed training trial"), m);
    }

    @Test
    void aPredictionsFileWithoutTruthIsRefusedByName() throws Exception {
        Path f = dir.resolve("old.csv");
        Files.writeString(f, "row,logit_ham,logit_spam,predicted\n0,1,2,spam\n");
        String m = assertThrows(ConfigException.class, () -> Predictions.read(f)).getMessage();
        assertTrue(m.startsWith(f + ":1: no truth column (label)"), m);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "row,a,target_a\n0,x,1\n");
        String n = assertThrows(ConfigException.class, () -> Predictions.read(bad)).getMessage();
        assertTrue(n.startsWith(bad + ":2: not a number"), n);
    }
}
