package dev.sweep.coordinator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.state.SweepState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AblationTableTest {
    private static void trial(SweepState s, String id, String config, TrialKind kind, double metric, double ms) {
        s.apply(new TrialEvent.Queued(1, "s", id, 1, 0, kind, config, Map.of(), 1, null,
                kind == TrialKind.AVERAGE ? List.of("a", "b") : List.of(), 2));
        s.apply(new TrialEvent.Started(1, "s", id, 1, 0, "w", "cpu"));
        var metrics = new java.util.TreeMap<>(Map.of("accuracy", metric));
        s.apply(new TrialEvent.Completed(1, "s", id, 1, 0, "w", new TrialResult("accuracy", true, metrics, 10, metrics,
                List.of(), 10, 0, 5, 10, ms, 1, 2L << 30, "/out")));
    }

    @Test
    void meanSpreadDeltaAndCostAreComputedPerConfiguration() {
        SweepState s = new SweepState("s");
        trial(s, "f1", "fgm", TrialKind.TRAIN, 0.80, 200);
        trial(s, "f2", "fgm", TrialKind.TRAIN, 0.90, 220);
        trial(s, "b1", "base", TrialKind.TRAIN, 0.70, 100);
        trial(s, "b2", "base", TrialKind.TRAIN, 0.74, 100);
        trial(s, "b3", "base", TrialKind.TRAIN, 0.72, 100);
        trial(s, "fa", "fgm+fma", TrialKind.AVERAGE, 0.88, 0);
        AblationTable t = AblationTable.of(s, List.of("base", "fgm"));
        assertEquals(List.of("base", "fgm", "fgm+fma"), t.rows().stream().map(AblationRow::config).toList());
        AblationRow base = t.row("base");
        assertEquals(0.72, base.mean(), 1e-12);
        assertEquals(0.02, base.std(), 1e-12); // sample std of 0.70, 0.74, 0.72
        AblationRow fgm = t.row("fgm");
        assertEquals(0.85, fgm.mean(), 1e-12);
        assertEquals(Math.sqrt(0.005), fgm.std(), 1e-12);
        assertEquals(0.13, fgm.delta(), 1e-12);
        assertEquals(210, fgm.msPerStep(), 1e-12);
        assertEquals(0.16, t.row("fgm+fma").delta(), 1e-12);
        String text = t.render();
        assertTrue(text.contains("0.8500 +- 0.0707") && text.contains("+0.1300") && text.contains("210 x2.10"), text);
    }
}
