package dev.sweep.coordinator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.trial.TrialTimes;
import dev.sweep.common.wire.ReportPlan;
import org.junit.jupiter.api.Test;

/** The report says where each configuration's trials spent their wall time, phase by phase. */
class ReportTimesTest {
    @Test
    void eachPhaseIsTheMeanOverTheTrialsThatRecordedItAndTheOverheadIsAllButTheSteps() {
        // base: (load, tokenize, setup, steps, evaluation, checkpoint, total) of two trials; means
        // 3, 1.5, 0.5, 80, 10, 2 of 100: other = 100 - 97 = 3; not steps = 20%
        SweepReport r = new ReportLog(new ReportPlan("base", Checkpoint.LAST, null))
                .times(new TrialTimes(2, 3, 0.5, 70, 12, 2, 92)).train("base", 1, null, 0.70)
                .times(new TrialTimes(4, 0, 0.5, 90, 8, 2, 108)).train("base", 2, null, 0.72)
                .times(null).train("fgm", 1, null, 0.80).report();
        SweepReport.Column base = r.columns().stream().filter(c -> c.config().equals("base")).findFirst().orElseThrow();
        SweepReport.Phases p = base.cost().time();
        assertEquals(2, p.trials());
        assertEquals(3, p.modelLoad(), 1e-12);
        assertEquals(1.5, p.tokenize(), 1e-12);
        assertEquals(80, p.steps(), 1e-12);
        assertEquals(10, p.evaluation(), 1e-12);
        assertEquals(3, p.other(), 1e-12);
        assertEquals(100, p.total(), 1e-12);
        assertEquals(0.2, p.overheadShare(), 1e-12);
        SweepReport.Column fgm = r.columns().stream().filter(c -> c.config().equals("fgm")).findFirst().orElseThrow();
        assertNull(fgm.cost().time(), "no trial of fgm recorded its times");

        String md = ReportText.render(r, ReportFormat.MD);
        assertTrue(md.contains("## Where the time went"), md);
        assertTrue(md.contains("| base | 2 | 100.0 | 80.0 s (80%) | 10.0 s (10%) | 1.5 s (2%) | 3.0 s (3%) | 0.5 s (1%) "
                + "| 2.0 s (2%) | 3.0 s (3%) | 20.0% |"), md);
        assertFalse(md.contains("| fgm | 1 | "), "a configuration without times gets no row");
        assertTrue(ReportText.render(r, ReportFormat.HTML).contains("<h2>Where the time went</h2>"));
    }
}
