package dev.sweep.coordinator.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.coordinator.report.ReportFormat;
import dev.sweep.coordinator.report.ReportLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two tasks side by side, as the wenxin seeds table shows them: a classification sweep judged by
 * its Holm-adjusted paired tests and a regression sweep judged by its seeds-until-decided decisions.
 */
class SweepComparisonTest {
    /** A report as JSON, made from a log of completed trials by the report's own code. */
    private static JsonNode report(String sweep, String metric, boolean higher, String[] configs, double[][] values) {
        ReportLog log = new ReportLog(new ReportPlan("base", Checkpoint.LAST, null), metric, higher);
        for (int i = 0; i < configs.length; i++) {
            for (int s = 0; s < values[i].length; s++) {
                log.train(configs[i], s + 1, null, values[i][s]);
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode r = Codec.json().valueToTree(log.report());
        return r.put("sweep", sweep); // the helper's log is always sweep "s"
    }

    @Test
    void eachSweepsGainIsInItsOwnDirectionAndTheTallyCountsWhatEachDecided() {
        // accuracy, higher is better: fgm clearly better at 4 seeds (paired differences 0.10, 0.11, 0.09, 0.10),
        // ema within noise
        JsonNode spam = report("spam", "accuracy", true, new String[] {"base", "fgm", "ema"}, new double[][] {
                {0.80, 0.82, 0.81, 0.79}, {0.90, 0.93, 0.90, 0.89}, {0.81, 0.80, 0.83, 0.78}});
        // mcrmse, lower is better: fgm worse by 0.05 each seed (-0.05 in the gain), llrd only here
        JsonNode essays = report("essays", "mcrmse", false, new String[] {"base", "fgm", "llrd"}, new double[][] {
                {0.50, 0.52, 0.51}, {0.55, 0.5701, 0.5599}, {0.49, 0.53, 0.50}});
        SweepComparison c = SweepComparison.of(List.of(spam, essays));

        // the references first, then each sweep's configurations in its report's order (a report made from the log
        // lists them by name), those of a later sweep after
        assertEquals(List.of("base", "ema", "fgm", "llrd"), c.rows().stream().map(SweepComparison.Row::config).toList());
        SweepComparison.Row fgm = c.rows().get(2);
        assertEquals(0.10, fgm.cells().get(0).gain(), 1e-9, "the mean of the four paired differences");
        assertEquals(Outcome.BETTER, fgm.cells().get(0).outcome());
        assertEquals(-0.05, fgm.cells().get(1).gain(), 1e-4, "mcrmse up by 0.05 is a gain of -0.05");
        assertEquals(Outcome.WORSE, fgm.cells().get(1).outcome());
        assertEquals("better on 1, worse on 1 of 2 tasks", fgm.summary());
        SweepComparison.Row ema = c.rows().get(1);
        assertNull(ema.cells().get(1), "ema did not run on the essays");
        assertEquals(Outcome.UNDECIDED, ema.cells().get(0).outcome());
        assertEquals("undecided on 1 of 1 task", ema.summary());
        assertEquals("reference", c.rows().get(0).summary());

        String md = CompareText.render(c, ReportFormat.MD);
        assertTrue(md.contains("| fgm | +0.1000 | better | 4 (4) | -0.0500 | worse | 3 (3) | better on 1, worse on 1 of 2 tasks |"),
                md);
        assertTrue(md.contains("| ema | +0.0000 | undecided | 4 (4) |  | - |  | undecided on 1 of 1 task |"), md);
        String csv = CompareText.render(c, ReportFormat.CSV);
        assertTrue(csv.startsWith("config,spam_gain,spam_verdict,spam_trials,spam_pairs,essays_gain,"), csv);
        assertTrue(csv.contains("\nfgm,0.100000,better,4,4,-0.0500000,worse,3,3,1,1,0,0,2"), csv);
        assertTrue(CompareText.render(c, ReportFormat.HTML).contains("<td class=\"worse\">worse</td>"));
        assertEquals("fgm", Codec.json().valueToTree(c).path("rows").get(2).path("config").asText());
    }

    @Test
    void somethingThatIsNotAReportIsRefusedNamingWhatItLacks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepComparison.of(List.of(Codec.json().createObjectNode().put("metric", "mcrmse"))));
        assertTrue(e.getMessage().startsWith("a sweep report must have a text field 'sweep'"), e.getMessage());
    }
}
