package dev.sweep.coordinator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.coordinator.report.stats.Comparison;
import dev.sweep.coordinator.report.stats.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the report computes, each statistic against scipy 1.17 (the python that gave each number
 * is in the comment above it; {@code holm} is the definition written out in HolmCorrectionTest).
 */
class SweepReportTest {
    private static final ReportPlan BASE = new ReportPlan("base", Checkpoint.LAST, null);

    private static ReportLog threeSeeds() {
        return new ReportLog(BASE)
                .ms(200).train("fgm", 1, null, 0.80).ms(220).train("fgm", 2, null, 0.90).ms(210).train("fgm", 3, null, 0.85)
                .ms(100).train("base", 1, null, 0.70).train("base", 2, null, 0.74).train("base", 3, null, 0.72)
                .average("fgm", 1, null, 0.88, "fgm-s1", "fgm-s2", "fgm-s3");
    }

    @Test
    void meanSpreadGainAndCostArePerConfigurationWithFmaBesideItsConfiguration() {
        SweepReport r = SweepReport.of(threeSeeds().state(), List.of("base", "fgm"));
        assertEquals(List.of("base", "fgm", "fgm+fma"), r.columns().stream().map(SweepReport.Column::config).toList());
        assertEquals(List.of("accuracy", "macro_f1"), r.metrics());
        SweepReport.Stat base = r.column("base").primary("accuracy");
        assertEquals(0.72, base.mean(), 1e-12);
        assertEquals(0.02, base.std(), 1e-12);
        SweepReport.Column fgm = r.column("fgm");
        assertEquals(0.85, fgm.primary("accuracy").mean(), 1e-12);
        assertEquals(0.05, fgm.primary("accuracy").std(), 1e-12);
        assertEquals(0.13, fgm.primary("accuracy").improvement(), 1e-12);
        assertEquals(3, fgm.primary("accuracy").pairs());
        assertEquals(0.13, fgm.primary("macro_f1").improvement(), 1e-12);
        assertEquals(210, fgm.cost().msPerStep(), 1e-12);
        assertEquals(200, fgm.cost().msMin(), 1e-12);
        assertEquals(220, fgm.cost().msMax(), 1e-12);
        assertEquals(2.1, fgm.cost().msRatio(), 1e-12);
        assertEquals(1.5, r.column("fgm+fma").cost().memoryRatio(), 1e-12);
        assertEquals(List.of(5, 10), fgm.curve().stream().map(SweepReport.CurvePoint::step).toList());
        assertEquals(0.85, fgm.curve().get(1).mean(), 1e-12);
        assertEquals(0.80, fgm.curve().get(1).min(), 1e-12);
        assertEquals(0.90, fgm.curve().get(1).max(), 1e-12);
    }

    @Test
    void theGainItsIntervalAndItsTestComeFromTheMatchedPairsOnly() {
        // base seed 3 failed: fgm's seed 3 has no partner. Unpaired, the gain would be 0.8833 - 0.72 = 0.1633.
        SweepReport r = new ReportLog(BASE).train("fgm", 1, null, 0.80).train("fgm", 2, null, 0.90)
                .train("fgm", 3, null, 0.95).train("base", 1, null, 0.70).train("base", 2, null, 0.74)
                .dead("base", 3, null).report();
        SweepReport.Column fgm = r.column("fgm");
        assertEquals(0.13, fgm.primary("accuracy").improvement(), 1e-12, "the pairs' mean difference, not 0.1633");
        assertEquals(2, fgm.primary("accuracy").pairs());
        Comparison t = fgm.test();
        // r = stats.ttest_rel([0.80, 0.90], [0.70, 0.74]); r.pvalue, r.confidence_interval()
        assertEquals(2, t.pairs());
        assertEquals(0.13, t.improvement(), 1e-12);
        assertEquals(4.333333333333339, t.t(), 1e-9);
        assertEquals(0.1443846310212943, t.p(), 1e-10);
        assertEquals(-0.25118614208524037, t.ciLow(), 1e-9);
        assertEquals(0.5111861420852405, t.ciHigh(), 1e-9);
        assertEquals(List.of("s1", "s2"), fgm.testUnits());
        String md = ReportText.render(r, ReportFormat.MD);
        assertTrue(md.contains("| matched pairs |  | 2 |"), md);
        assertTrue(md.contains("| accuracy (last evaluation) | 0.7200 +- 0.0283 | 0.8833 +- 0.0764 (0.1300 better) |"),
                md);
    }

    @Test
    void aLowerIsBetterMetricCallsAnImprovementBetterAndColoursARegressionAsOne() {
        // MCRMSE, lower is better. stats.ttest_rel(base, x) and stats.ttest_rel(base, y): improvement = base - config
        ReportLog log = new ReportLog(BASE, "mcrmse", false);
        double[] base = {0.50, 0.52, 0.49, 0.51};
        double[] x = {0.45, 0.46, 0.44, 0.47};
        double[] y = {0.55, 0.58, 0.53, 0.57};
        for (int i = 0; i < 4; i++) {
            log.train("base", i + 1, null, base[i]).train("fgm", i + 1, null, x[i]).train("rdrop", i + 1, null, y[i]);
        }
        SweepReport r = log.report();
        Comparison better = r.column("fgm").test();
        Comparison worse = r.column("rdrop").test();
        assertEquals(0.05, better.improvement(), 1e-12, "0.05 lower MCRMSE is a positive improvement");
        assertEquals(0.0011722164447168794, better.p(), 1e-11);
        assertEquals(-0.0525, worse.improvement(), 1e-12);
        assertEquals(0.0016231966955948857, worse.p(), 1e-11);
        assertEquals(-0.06773480180828803, worse.ciLow(), 1e-9);
        assertEquals(-0.03726519819171195, worse.ciHigh(), 1e-9);
        // holm([0.0011722164447168794, 0.0016231966955948857])
        assertEquals(0.002344432889433759, better.holmP(), 1e-11);
        assertEquals(0.002344432889433759, worse.holmP(), 1e-11);
        assertEquals(Verdict.BETTER, better.verdict());
        assertEquals(Verdict.WORSE, worse.verdict());
        String md = ReportText.render(r, ReportFormat.MD);
        assertTrue(md.contains("0.4550 +- 0.0129 (0.0500 better*)"), md);
        assertTrue(md.contains("0.5575 +- 0.0222 (0.0525 worse*)"), md);
        assertTrue(md.contains("| rmse_x | 0.4050 +- 0.0129 | 0.3550 +- 0.0129 (0.0500 better) |"), md);
        assertTrue(md.contains("[-0.0677, -0.0373]"), md);
        String html = ReportText.render(r, ReportFormat.HTML);
        assertTrue(html.contains("<td class=\"better\">0.4550 &plusmn; 0.0129 (0.0500 better*)</td>"), html);
        assertTrue(html.contains("<td class=\"worse\">0.5575 &plusmn; 0.0222 (0.0525 worse*)</td>"), html);
        String text = ReportText.terminal(r);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("rdrop") && l.contains("0.0525 worse*") && l.contains("worse ")),
                text);
    }

    @Test
    void identicalDifferencesAreNoSpreadInWordsNotAHugeT() {
        // x = [.96, .9633, .97] against base [.9767, .98, .9867]: stats.ttest_rel says p = 4.9e-30 on round-off
        ReportLog log = new ReportLog(BASE);
        double[] x = {0.96, 0.9633, 0.97};
        double[] base = {0.9767, 0.98, 0.9867};
        for (int i = 0; i < 3; i++) {
            log.train("base", i + 1, null, base[i]).train("fgm", i + 1, null, x[i]);
        }
        log.train("rdrop", 1, null, 0.98).train("rdrop", 2, null, 0.9833).train("rdrop", 3, null, 0.99);
        SweepReport r = log.report();
        Comparison fgm = r.column("fgm").test();
        assertFalse(fgm.tested());
        assertEquals("all 3 pairs differ by exactly 0.0167 (worse): no spread, no test", fgm.noTest());
        assertEquals("no test: all 3 pairs differ by exactly 0.0167 (worse): no spread, no test",
                r.column("fgm").verdict());
        assertTrue(ReportText.render(r, ReportFormat.MD).contains("| p (raw) |  | all 3 pairs differ by exactly 0.0167 "
                + "(worse): no spread, no test | all 3 pairs differ by exactly 0.0033 (better): no spread, no test |"));
    }

    @Test
    void anAveragedModelIsTestedAgainstItsMembersAndPairedWithTheReferencesAverageByFoldNotSeed() {
        ReportLog log = threeSeeds().average("base", 2, null, 0.73, "base-s1", "base-s2", "base-s3");
        SweepReport r = log.report();
        Comparison members = r.column("fgm+fma").members();
        // stats.ttest_1samp([0.88 - 0.80, 0.88 - 0.90, 0.88 - 0.85], 0)
        assertEquals(1.0392304845413263, members.t(), 1e-9);
        assertEquals(0.4078434745362079, members.p(), 1e-10);
        assertEquals("better than 2, worse than 1 of 3 members", members.note());
        // base+fma against its members [0.70, 0.74, 0.72]: stats.ttest_1samp([0.73 - v for v in ...], 0).pvalue
        assertEquals(0.4777670321329056, r.column("base+fma").members().p(), 1e-10);
        Comparison vsBase = r.column("fgm+fma").test();
        assertEquals("base+fma", vsBase.against());
        assertEquals(0.15, vsBase.improvement(), 1e-12, "matched although base+fma carries seed 2 and fgm+fma seed 1");
        assertEquals("one averaged model each: no test", vsBase.noTest());
        String md = ReportText.render(r, ReportFormat.MD);
        assertTrue(md.contains("one-sample t-test of the members against the averaged model (k >= 3 members"), md);
        assertTrue(md.contains("against `base+fma`: one averaged model each, no test"), md);
    }

    @Test
    void twoMembersAreTooFewForATestButTheAveragedModelsPlaceIsSaid() {
        SweepReport r = new ReportLog(BASE).train("base", 1, null, 0.70).train("base", 2, null, 0.74)
                .average("base", 1, null, 0.75, "base-s1", "base-s2").report();
        Comparison members = r.column("base+fma").members();
        assertEquals("2 members: too few for a test (3 needed)", members.noTest());
        assertEquals("averaging: no test: 2 members: too few for a test (3 needed); better than all 2 members",
                r.column("base+fma").verdict());
    }

    @Test
    void holmsStepDownCoversTheTablesComparisons() {
        ReportLog log = new ReportLog(BASE);
        double[] base = {0.70, 0.74, 0.72};
        double[][] configs = {{0.80, 0.90, 0.85}, {0.71, 0.76, 0.725}, {0.75, 0.80, 0.76}, {0.69, 0.73, 0.70},
            {0.72, 0.745, 0.73}};
        String[] names = {"a", "b", "c", "d", "e"};
        for (int s = 0; s < 3; s++) {
            log.train("base", s + 1, null, base[s]);
            for (int c = 0; c < 5; c++) {
                log.train(names[c], s + 1, null, configs[c][s]);
            }
        }
        SweepReport r = log.report();
        // {k: stats.ttest_rel(v, base).pvalue for k, v in configs}; holm(list(raw))
        double[] raw = {0.01729237017600917, 0.11808289631180315, 0.01307245756034652, 0.05719095841793663,
            0.11808289631180315};
        double[] adjusted = {0.06916948070403668, 0.2361657926236063, 0.0653622878017326, 0.17157287525380988,
            0.2361657926236063};
        for (int c = 0; c < 5; c++) {
            Comparison t = r.column(names[c]).test();
            assertEquals(raw[c], t.p(), 1e-10, names[c]);
            assertEquals(adjusted[c], t.holmP(), 1e-10, names[c]);
            assertEquals(Verdict.NOT_DISTINGUISHABLE, t.verdict(), names[c] + ": raw p < 0.05 is not enough alone");
        }
        String md = ReportText.render(r, ReportFormat.MD);
        assertTrue(md.contains("| p (raw) |  | 0.017 | 0.118 | 0.013 | 0.057 | 0.118 |"), md);
        assertTrue(md.contains("| p (Holm) |  | 0.069 | 0.236 | 0.065 | 0.172 | 0.236 |"), md);
        assertTrue(md.contains("Holm's step-down method over the 5 tests of this table"), md);
    }

    @Test
    void foldsAreTestedByTheCorrectedResampledTestOverFoldMeans() {
        ReportLog log = new ReportLog(new ReportPlan("base", Checkpoint.LAST, 4));
        double[][] d = {{0.02, 0.03}, {0.035, 0.025}, {0.01, 0.0}, {0.03, 0.05}};
        for (int f = 0; f < 4; f++) {
            for (int s = 0; s < 2; s++) {
                log.train("base", s + 1, f, 0.80).train("fgm", s + 1, f, 0.80 + d[f][s]);
            }
        }
        SweepReport r = log.report();
        Comparison t = r.column("fgm").test();
        // fm = dd.mean(axis=1); m = fm.mean(); se = np.sqrt((1/4 + 1/3) * fm.var(ddof=1)); t = m / se
        // 2 * stats.t.sf(abs(t), 3) = 0.11264954300113243 (all 8 as independent pairs: stats.ttest_1samp(dd.ravel(), 0).pvalue = 0.0025)
        assertEquals(8, t.pairs());
        assertEquals(2.223747949983304, t.t(), 1e-8);
        assertEquals(0.11264954300113243, t.p(), 1e-9);
        assertEquals(-0.010777956594716614, t.ciLow(), 1e-8);
        assertEquals(0.06077795659471662, t.ciHigh(), 1e-8);
        assertEquals(List.of("f0", "f1", "f2", "f3"), r.column("fgm").testUnits());
        assertEquals("not distinguishable from base at 4 folds x 2 seeds", r.column("fgm").verdict());
        String md = ReportText.render(r, ReportFormat.MD);
        assertTrue(md.contains("Nadeau-Bengio corrected resampled t-test (Nadeau and Bengio 2003) over the K = 4 folds"), md);
        assertTrue(md.contains("| matched pairs |  | 8 (4 folds) |"), md);
        assertTrue(md.contains("| seeds needed for the observed difference (80% power) |  | not estimated (folds) |"), md);
    }

    @Test
    void withFoldsAnAveragedModelIsPairedWithTheReferencesAverageFoldByFold() {
        ReportLog log = new ReportLog(new ReportPlan("base", Checkpoint.LAST, 4));
        double[] fgmFma = {0.83, 0.845, 0.81, 0.84};
        for (int f = 0; f < 4; f++) {
            log.train("base", 1, f, 0.80).train("base", 2, f, 0.80).train("fgm", 1, f, 0.81).train("fgm", 2, f, 0.82);
            log.average("base", 1, f, 0.80 + 0.001 * f, ReportLog.id("base", 1, f), ReportLog.id("base", 2, f));
            log.average("fgm", 1, f, fgmFma[f], ReportLog.id("fgm", 1, f), ReportLog.id("fgm", 2, f));
        }
        Comparison t = log.report().column("fgm+fma").test();
        assertEquals("base+fma", t.against());
        assertEquals(4, t.pairs());
        assertEquals(CORRECTED_FMA_T, t.t(), 1e-8);
        assertEquals(CORRECTED_FMA_P, t.p(), 1e-9);
    }

    // d = np.array([0.83, 0.845, 0.81, 0.84]) - np.array([0.80, 0.801, 0.802, 0.803]); m = d.mean()
    // se = np.sqrt((1/4 + 1/3) * d.var(ddof=1)); t = m / se; 2 * stats.t.sf(abs(t), 3)
    private static final double CORRECTED_FMA_T = 2.4991936950173383;
    private static final double CORRECTED_FMA_P = 0.08776902008701633;

    @Test
    void aGridWithoutAReferenceShowsNoComparisonsAndSaysSo() {
        ReportLog log = new ReportLog(new ReportPlan(null, Checkpoint.LAST, null));
        log.train("base[lr=1e-05]", 1, null, 0.80).train("base[lr=1e-05]", 2, null, 0.82)
                .train("base[lr=5e-05]", 1, null, 0.85).train("base[lr=5e-05]", 2, null, 0.83);
        SweepReport r = log.report();
        assertNull(r.reference());
        assertTrue(r.columns().stream().allMatch(c -> c.test() == null));
        assertTrue(r.headline().get(0).startsWith("No reference configuration"), r.headline().toString());
        String md = ReportText.render(r, ReportFormat.MD);
        assertFalse(md.contains("p (raw)"), "no comparison rows without a reference: " + md);
        assertTrue(md.contains("| accuracy (last evaluation) | 0.8100 +- 0.0141 | 0.8400 +- 0.0141 |"), md);
    }

    @Test
    void aGridComparesAgainstTheReferenceItsSpecNames() {
        ReportLog log = new ReportLog(new ReportPlan("base[lr=1e-05]", Checkpoint.LAST, null));
        log.train("base[lr=1e-05]", 1, null, 0.80).train("base[lr=1e-05]", 2, null, 0.82)
                .train("base[lr=5e-05]", 1, null, 0.85).train("base[lr=5e-05]", 2, null, 0.86);
        SweepReport r = log.report();
        assertEquals("base[lr=1e-05]", r.columns().get(0).config(), "the reference comes first");
        assertEquals(0.045, r.column("base[lr=5e-05]").test().improvement(), 1e-12);
    }

    @Test
    void anOldLogWithoutReportSettingsComparesWithBaseAtTheLastEvaluation() {
        SweepReport r = new ReportLog(null).train("base", 1, null, 0.70, 0.75).train("base", 2, null, 0.72, 0.75)
                .train("fgm", 1, null, 0.74, 0.90).train("fgm", 2, null, 0.75, 0.80).report();
        assertEquals("base", r.reference());
        assertEquals(Checkpoint.LAST, r.select());
        assertEquals(0.035, r.column("fgm").primary("accuracy").improvement(), 1e-12);
    }

    @Test
    void theTableUsesTheLastEvaluationByDefaultAndShowsTheOptimisticBestBesideIt() {
        ReportLog last = new ReportLog(BASE).train("base", 1, null, 0.70, 0.75).train("base", 2, null, 0.72, 0.75)
                .train("fgm", 1, null, 0.74, 0.90).train("fgm", 2, null, 0.75, 0.80);
        SweepReport r = last.report();
        assertEquals(0.745, r.column("fgm").primary("accuracy").mean(), 1e-12);
        assertEquals(0.85, r.column("fgm").other().mean(), 1e-12);
        assertEquals(0.10, r.column("fgm").other().improvement(), 1e-12);
        String md = ReportText.render(r, ReportFormat.MD);
        assertTrue(md.contains("| best checkpoint (optimistic: chosen on the split it is scored on) | 0.7500 +- 0.0000 | "
                + "0.8500 +- 0.0707 (0.1000 better) |"), md);
        ReportLog best = new ReportLog(new ReportPlan("base", Checkpoint.BEST, null)).train("base", 1, null, 0.70, 0.75)
                .train("base", 2, null, 0.72, 0.75).train("fgm", 1, null, 0.74, 0.90).train("fgm", 2, null, 0.75, 0.80);
        SweepReport b = best.report();
        assertEquals(0.85, b.column("fgm").primary("accuracy").mean(), 1e-12);
        assertTrue(ReportText.render(b, ReportFormat.MD).contains("| last evaluation | 0.7100 +- 0.0141 | "
                + "0.7450 +- 0.0071 (0.0350 better) |"));
    }
}
