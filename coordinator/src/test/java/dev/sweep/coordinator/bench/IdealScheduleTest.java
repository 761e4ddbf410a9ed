package dev.sweep.coordinator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IdealScheduleTest {
    @Test
    void rayTunesReleaseTestIs625RoundsOfOneSecond() {
        IdealSchedule s = new IdealSchedule(10_000, 16, 1.0);
        assertEquals(625, s.rounds());
        assertEquals(625.0, s.makespanSeconds(), 1e-12);
        assertEquals(0.14, s.overhead(712.5), 1e-12, "712.5 s measured is Ray's 14%");
    }

    @Test
    void aPartlyEmptyLastRoundCountsAsARound() {
        IdealSchedule s = new IdealSchedule(1001, 16, 2.0);
        assertEquals(63, s.rounds());
        assertEquals(126.0, s.makespanSeconds(), 1e-12);
        assertEquals(0.0, s.overhead(126.0), 1e-12);
    }

    @Test
    void moreWorkersThanTrialsIsOneRound() {
        assertEquals(1, new IdealSchedule(3, 16, 0.5).rounds());
    }

    @Test
    void aFasterThanIdealRunHasNegativeOverhead() {
        assertEquals(-0.5, new IdealSchedule(4, 2, 1.0).overhead(1.0), 1e-12);
    }

    @Test
    void refusesWhatHasNoSchedule() {
        assertThrows(IllegalArgumentException.class, () -> new IdealSchedule(0, 16, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new IdealSchedule(10, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new IdealSchedule(10, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new IdealSchedule(10, 2, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new IdealSchedule(10, 2, 1).overhead(-1));
    }
}
