package dev.sweep.coordinator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.wire.ReportPlan;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trials the pruner stopped: listed with their reasons, counted, and kept out of every figure. */
class PrunedTrialsReportTest {
    private static final String REASON = "evaluation 2: accuracy 0.6000 below the median 0.7200 of 3 trials";

    /** fgm's seed 2 pruned after two evaluations at 0.60; its seeds 1 and 3 finished. */
    private static ReportLog log() {
        return new ReportLog(new ReportPlan("base", Checkpoint.LAST, null)).train("base", 1, null, 0.70)
                .train("base", 2, null, 0.74).train("base", 3, null, 0.72).train("fgm", 1, null, 0.80)
                .pruned("fgm", 2, 2, 0.60, REASON).train("fgm", 3, null, 0.85);
    }

    @Test
    void aPrunedTrialIsListedWithItsReasonAndEvaluationsAndEntersNoFigure() {
        SweepReport r = log().report();
        assertEquals(List.of(new SweepReport.PrunedTrial("fgm", 2, null, "fgm-s2", 2, REASON)), r.pruned());
        assertEquals(1, r.prunedIn("fgm"));
        assertEquals(0, r.prunedIn("base"));
        SweepReport.Column fgm = r.column("fgm");
        assertEquals(2, fgm.primary("accuracy").n(), "the pruned trial's 0.60 is no value of fgm");
        assertEquals((0.80 + 0.85) / 2, fgm.primary("accuracy").mean(), 1e-12);
        // seed 2 has no partner: the gain is over seeds 1 and 3 alone
        assertEquals(((0.80 - 0.70) + (0.85 - 0.72)) / 2, fgm.test().improvement(), 1e-12);
        assertEquals(2, fgm.test().pairs());
        assertEquals(2, fgm.finished());
        assertEquals(3, fgm.total());
        assertTrue(r.methods().stream().anyMatch(m -> m.startsWith("Pruned: 1 trial stopped by the pruner")
                && m.contains("enters no mean, no gain, no test and no interval")), r.methods().toString());
    }

    @Test
    void everyFormatSaysSo() {
        SweepReport r = log().report();
        String md = ReportText.render(r, ReportFormat.MD);
        assertTrue(md.contains("| trials finished | 3/3 | 2/3, 1 pruned |"), md);
        assertTrue(md.contains("## Pruned trials"), md);
        assertTrue(md.contains("| fgm | seed 2 | 2 | " + REASON + " | fgm-s2 |"), md);
        String html = ReportText.render(r, ReportFormat.HTML);
        assertTrue(html.contains("<h2>Pruned trials</h2>"), html);
        assertTrue(html.contains("<tr><td>fgm</td><td>seed 2</td><td>2</td><td>" + REASON + "</td>"), html);
        assertTrue(html.contains("<td>2/3, 1 pruned</td>"), html);
        String json = ReportText.render(r, ReportFormat.JSON);
        assertTrue(json.contains("\"pruned\":[{\"config\":\"fgm\",\"seed\":2,\"fold\":null,\"trial_id\":\"fgm-s2\","
                + "\"evaluations\":2,\"reason\":\"" + REASON + "\"}]"), json);
        String csv = ReportText.render(r, ReportFormat.CSV);
        List<String> header = Arrays.asList(csv.lines().findFirst().orElseThrow().split(","));
        String row = csv.lines().filter(l -> l.startsWith("fgm,false,accuracy,")).findFirst().orElseThrow();
        assertEquals("1", row.split(",", -1)[header.indexOf("pruned")], row);
        String text = ReportText.terminal(r);
        assertTrue(text.contains("pruned: fgm seed 2 after 2 evaluations (fgm-s2): " + REASON), text);
    }

    @Test
    void withoutPrunedTrialsThereIsNoSection() {
        SweepReport r = new ReportLog(new ReportPlan("base", Checkpoint.LAST, null)).train("base", 1, null, 0.7)
                .train("fgm", 1, null, 0.8).report();
        assertTrue(r.pruned().isEmpty());
        assertFalse(ReportText.render(r, ReportFormat.MD).contains("Pruned"));
        assertFalse(ReportText.render(r, ReportFormat.HTML).contains("Pruned"));
        assertTrue(r.methods().stream().noneMatch(m -> m.startsWith("Pruned")));
    }

    @Test
    void theLiveTableCountsPrunedTrialsAndNamesThemInTheirRow() {
        String live = LiveTable.render(log().state(), 0);
        List<String> lines = live.lines().toList();
        assertTrue(lines.get(0).endsWith(", 0 dead, 0 cancelled, 1 pruned"), live);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  fgm ") && l.contains("s2 pruned")
                && l.contains("2/3")), live);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("  base ") && l.contains("pruned")), live);
    }
}
