package dev.sweep.coordinator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.trial.TrialEnvironment;
import dev.sweep.common.wire.ReportPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report says what every trial trained on, and flags a configuration whose trials differ in it. */
class ReportEnvironmentTest {
    private static final TrialEnvironment CPU = new TrialEnvironment("cpu", 1, "PyTorch 2.7.1 (DJL 0.35.1)");
    private static final TrialEnvironment GPU = new TrialEnvironment("gpu:0", 1, "PyTorch 2.7.1 (DJL 0.35.1)");

    @Test
    void devicesAndThreadsAreListedAndAMixedConfigurationIsFlagged() {
        SweepReport r = new ReportLog(new ReportPlan("base", Checkpoint.LAST, null)).environment(CPU)
                .train("base", 1, null, 0.70).train("base", 2, null, 0.74).train("fgm", 1, null, 0.80)
                .environment(GPU).train("fgm", 2, null, 0.90).environment(null).train("fgm", 3, null, 0.85)
                .train("base", 3, null, 0.72).report();
        String trainedOn = r.methods().stream().filter(m -> m.startsWith("Trained on: ")).findFirst().orElseThrow();
        assertEquals("Trained on: cpu, 1 thread, PyTorch 2.7.1 (DJL 0.35.1) (3 trials); gpu:0, 1 thread, PyTorch 2.7.1 "
                + "(DJL 0.35.1) (1 trial); not recorded (2 trials, from workers older than the record). The same trial "
                + "in the same environment gives the same metrics to the last bit.", trainedOn);
        List<String> mixed = r.warnings().stream().filter(w -> w.contains("environments")).toList();
        assertEquals(1, mixed.size(), r.warnings().toString());
        assertTrue(mixed.get(0).startsWith("fgm: its trials trained in 2 environments (cpu, 1 thread"), mixed.get(0));
        assertTrue(ReportText.render(r, ReportFormat.MD).contains("fgm: its trials trained in 2 environments"));
    }

    @Test
    void oneEnvironmentRaisesNoFlag() {
        SweepReport r = new ReportLog(new ReportPlan("base", Checkpoint.LAST, null)).environment(CPU)
                .train("base", 1, null, 0.70).train("fgm", 1, null, 0.80).report();
        assertTrue(r.warnings().stream().noneMatch(w -> w.contains("environments")), r.warnings().toString());
    }
}
