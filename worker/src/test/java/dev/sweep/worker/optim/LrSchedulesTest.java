package dev.sweep.worker.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Hugging Face's schedules, 10 warm-up steps of 110: values worked out by hand. */
class LrSchedulesTest {
    @Test
    void linearWarmsUpThenDecaysToZero() {
        LrSchedule s = LrSchedules.create("linear", 10, 110, 0.5);
        assertEquals(0.0, s.factor(0));
        assertEquals(0.5, s.factor(5), 1e-12);
        assertEquals(1.0, s.factor(10), 1e-12);
        assertEquals(0.5, s.factor(60), 1e-12);
        assertEquals(0.0, s.factor(110), 1e-12);
    }

    @Test
    void cosineFollowsHalfAWaveWithHalfACycle() {
        LrSchedule s = LrSchedules.create("cosine", 10, 110, 0.5);
        assertEquals(0.5, s.factor(5), 1e-12);
        assertEquals(1.0, s.factor(10), 1e-12);
        assertEquals(0.5, s.factor(60), 1e-12); // cos(pi/2) = 0
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 0.25)), s.factor(35), 1e-12);
        assertEquals(0.0, s.factor(110), 1e-12);
    }

    @Test
    void cosineWithOneCycleComesBackUp() {
        LrSchedule s = LrSchedules.create("cosine", 0, 100, 1.0);
        assertEquals(0.0, s.factor(50), 1e-12);
        assertEquals(0.5, s.factor(75), 1e-12);
    }

    @Test
    void constantHoldsAfterWarmUp() {
        LrSchedule s = LrSchedules.create("constant", 4, 100, 0.5);
        assertEquals(0.25, s.factor(1), 1e-12);
        assertEquals(1.0, s.factor(99), 1e-12);
    }

    @Test
    void warmupLongerThanTheRunIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LrSchedules.create("linear", 20, 10, 0.5));
    }
}
