package dev.sweep.coordinator.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchGapsTest {
    @Test
    void eachGapRunsFromOneTrialsEndToTheNextTrialOfTheSameWorker() {
        // dispatched, received, completed, idle heartbeat
        List<SimulatedWorker.Served> w1 = List.of(
                new SimulatedWorker.Served("a", 0, 5, 1000, 1030),
                new SimulatedWorker.Served("b", 1040, 1050, 2050, 2060));
        List<SimulatedWorker.Served> w2 = List.of(
                new SimulatedWorker.Served("c", 0, 3, 1003, 1010),
                new SimulatedWorker.Served("d", 1100, 1120, 2120, 2130),
                new SimulatedWorker.Served("e", 2200, 2205, 3205, 3215));
        DispatchGaps g = DispatchGaps.of(List.of(w1, w2));
        assertEquals(3, g.size(), "a worker's first trial has no gap before it");
        assertArrayEquals(new double[] {40, 97, 80}, g.completionToDispatchMs());
        assertArrayEquals(new double[] {10, 90, 70}, g.idleToDispatchMs());
        assertArrayEquals(new double[] {50, 117, 85}, g.completionToArrivalMs());
    }

    @Test
    void noWorkerWithTwoTrialsMeansNoGaps() {
        DispatchGaps g = DispatchGaps.of(List.of(List.of(new SimulatedWorker.Served("a", 0, 1, 2, 3)), List.of()));
        assertEquals(0, g.size());
    }
}
