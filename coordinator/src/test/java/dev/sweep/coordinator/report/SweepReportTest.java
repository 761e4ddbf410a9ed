package dev.sweep.coordinator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.state.SweepState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SweepReportTest {
    private static void trial(SweepState s, String id, String config, TrialKind kind, long seed, double metric, double ms) {
        s.apply(new TrialEvent.Queued(1, "s", id, 1, 0, kind, config, Map.of(), seed, null,
                kind == TrialKind.AVERAGE ? List.of("a", "b") : List.of(), 2, null));
        s.apply(new TrialEvent.Started(1, "s", id, 1, 0, "w", "cpu"));
        var metrics = new TreeMap<>(Map.of("accuracy", metric, "macro_f1", metric - 0.1));
        s.apply(new TrialEvent.Completed(1, "s", id, 1, 0, "w", new TrialResult("accuracy", true, metrics, 10, metrics,
                List.of(EvalPoint.of(1, 5, 0.5, Map.of("accuracy", metric - 0.2)), EvalPoint.of(1, 10, 0.3, metrics)),
                10, 0, 5, 10, ms, 1, (ms > 0 ? 2L : 3L) << 30, "/out")));
    }

    private static SweepState sweep() {
        SweepState s = new SweepState("s");
        trial(s, "f1", "fgm", TrialKind.TRAIN, 1, 0.80, 200);
        trial(s, "f2", "fgm", TrialKind.TRAIN, 2, 0.90, 220);
        trial(s, "f3", "fgm", TrialKind.TRAIN, 3, 0.85, 210);
        trial(s, "b1", "base", TrialKind.TRAIN, 1, 0.70, 100);
        trial(s, "b2", "base", TrialKind.TRAIN, 2, 0.74, 100);
        trial(s, "b3", "base", TrialKind.TRAIN, 3, 0.72, 100);
        trial(s, "fa", "fgm+fma", TrialKind.AVERAGE, 1, 0.88, 0);
        return s;
    }

    @Test
    void meanSpreadGainAndCostArePerConfigurationWithFmaBesideItsConfiguration() {
        SweepReport r = SweepReport.of(sweep(), List.of("base", "fgm"));
        assertEquals(List.of("base", "fgm", "fgm+fma"), r.columns().stream().map(SweepReport.Column::config).toList());
        assertEquals(List.of("accuracy", "macro_f1"), r.metrics());
        SweepReport.Stat base = r.column("base").primary("accuracy");
        assertEquals(0.72, base.mean(), 1e-12);
        assertEquals(0.02, base.std(), 1e-12);
        SweepReport.Column fgm = r.column("fgm");
        assertEquals(0.85, fgm.primary("accuracy").mean(), 1e-12);
        assertEquals(0.05, fgm.primary("accuracy").std(), 1e-12);
        assertEquals(0.13, fgm.primary("accuracy").delta(), 1e-12);
        assertEquals(0.13, fgm.primary("macro_f1").delta(), 1e-12);
        assertEquals(210, fgm.msPerStep(), 1e-12);
        assertEquals(2.1, fgm.msRatio(), 1e-12);
        assertEquals(0.16, r.column("fgm+fma").primary("accuracy").delta(), 1e-12);
        assertEquals(1.5, r.column("fgm+fma").memoryRatio(), 1e-12);
        assertEquals(List.of(5, 10), fgm.curve().stream().map(SweepReport.CurvePoint::step).toList());
        assertEquals(0.65, fgm.curve().get(0).mean(), 1e-12);
        assertEquals(0.85, fgm.curve().get(1).mean(), 1e-12);
    }

    @Test
    void theGainIsTestedByAPairedTTestOverMatchedSeeds() {
        // differences 0.10, 0.16, 0.13: mean 0.13, sd 0.03, t = 0.13 / (0.03 / sqrt 3) with 2 degrees of freedom
        PairedTTest t = SweepReport.of(sweep(), List.of()).column("fgm").test();
        double tStat = 0.13 / (0.03 / Math.sqrt(3));
        assertEquals(3, t.pairs());
        assertEquals(tStat, t.t(), 1e-9);
        // Student's t with 2 df has the closed form CDF 1/2 + t / (2 sqrt(2 + t^2))
        assertEquals(1 - tStat / Math.sqrt(2 + tStat * tStat), t.p(), 1e-9);
        assertEquals(0.13 - 4.302652729911275 * 0.03 / Math.sqrt(3), t.ciLow(), 1e-9);
        assertEquals(0.13 + 4.302652729911275 * 0.03 / Math.sqrt(3), t.ciHigh(), 1e-9);
    }

    @Test
    void theTDistributionMatchesItsClosedFormsAndTables() {
        // 1 df is the Cauchy distribution: P(|T| >= t) = 1 - 2 atan(t) / pi
        for (double t : new double[] {0.1, 1, 3.5, 40}) {
            assertEquals(1 - 2 * Math.atan(t) / Math.PI, PairedTTest.twoSidedP(t, 1), 1e-12);
        }
        assertEquals(2.228138851986274, PairedTTest.quantile(0.975, 10), 1e-9); // the textbook table's 2.228
        assertEquals(1.959963984540054, PairedTTest.quantile(0.975, 100_000), 1e-4); // tends to the normal's
        PairedTTest none = PairedTTest.of(new double[] {0.5}, new double[] {0.4});
        assertFalse(none.tested());
        assertEquals(0.1, none.meanDifference(), 1e-12);
    }

    @Test
    void markdownHasAColumnPerConfigurationAndMarksASignificantGain() {
        String md = ReportText.render(SweepReport.of(sweep(), List.of()), ReportFormat.MD);
        assertTrue(md.contains("| | base | fgm | fgm+fma |"), md);
        assertTrue(md.contains("| accuracy | 0.7200 +- 0.0200 | 0.8500 +- 0.0500 (+0.1300*) | 0.8800 (+0.1600) |"), md);
        assertTrue(md.contains("| ms per step | 100 | 210 (x2.10) | - |"), md);
        assertTrue(md.contains("paired t-test"), md);
        String csv = ReportText.render(SweepReport.of(sweep(), List.of()), ReportFormat.CSV);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("fgm,false,accuracy,3,0.850000,0.0500000,0.130000,0.0172")), csv);
        String html = ReportText.render(SweepReport.of(sweep(), List.of()), ReportFormat.HTML);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<img alt=\"gain over base per configuration\" "
                + "src=\"data:image/png;base64,iVBOR"), "an embedded PNG chart");
        String text = ReportText.terminal(SweepReport.of(sweep(), List.of()));
        assertTrue(text.contains("0.8500 +- 0.0500") && text.contains("210 (x2.10)"), text);
    }
}
