package dev.sweep.coordinator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverheadBreakdownTest {
    @Test
    void theRunsExtraTimeSplitsIntoStartUpGapsImbalanceAndTheEnd() {
        // dispatched, received, completed, idle heartbeat; the loop ran from 100 to 3300
        List<SimulatedWorker.Served> w1 = List.of(
                new SimulatedWorker.Served("a", 110, 120, 1120, 1121),
                new SimulatedWorker.Served("b", 1125, 1130, 2130, 2131),
                new SimulatedWorker.Served("c", 2140, 2150, 3150, 3151));
        List<SimulatedWorker.Served> w2 = List.of(
                new SimulatedWorker.Served("d", 110, 200, 1200, 1201),
                new SimulatedWorker.Served("e", 1250, 1260, 2260, 2261));
        List<SimulatedWorker.Served> w3 = List.of(
                new SimulatedWorker.Served("f", 110, 140, 1140, 1141));
        OverheadBreakdown b = OverheadBreakdown.of(100, 3300, List.of(w1, w2, w3));
        assertEquals(40, b.medianFirstArrivalMs(), "first arrivals 20, 100, 40: the median by nearest rank");
        assertEquals(100, b.maxFirstArrivalMs());
        assertEquals((10 + 20 + 60) / 3.0, b.meanGapMs(), 1e-12, "gaps 10 and 20 of w1, 60 of w2");
        assertEquals(60, b.maxWorkerGapsMs(), "w1's gaps add to 30, w2's to 60");
        assertEquals(1, b.fewestTrials());
        assertEquals(3, b.mostTrials());
        assertEquals(150, b.endMs(), "the last completion (3150) to the loop's end");
    }

    @Test
    void aWorkerThatServedNothingCountsAsTheFewestAndARunWithNoTrialsIsRefused() {
        OverheadBreakdown b = OverheadBreakdown.of(0, 2000,
                List.of(List.of(new SimulatedWorker.Served("a", 0, 10, 1010, 1011)), List.of()));
        assertEquals(0, b.fewestTrials());
        assertEquals(0, b.meanGapMs(), "no worker served two trials: no gaps");
        assertThrows(IllegalArgumentException.class, () -> OverheadBreakdown.of(0, 1, List.of(List.of())));
    }
}
