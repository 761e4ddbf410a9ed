package dev.sweep.coordinator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearestRankPicksAValueOfTheSample() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = 100 - i; // 100, 99, ..., 1: sorted inside
        }
        Percentiles p = new Percentiles(v);
        assertEquals(50, p.median());
        assertEquals(99, p.at(99));
        assertEquals(100, p.at(100));
        assertEquals(1, p.at(1));
        assertEquals(100, p.max());
    }

    @Test
    void smallSamplesRoundTheRankUp() {
        Percentiles p = new Percentiles(new double[] {3, 1, 2});
        assertEquals(2, p.median(), "rank ceil(1.5) = 2");
        assertEquals(3, p.at(99), "rank ceil(2.97) = 3");
        assertEquals(1, p.at(0.1));
    }

    @Test
    void theSampleIsNotChanged() {
        double[] v = {3, 1, 2};
        new Percentiles(v).median();
        assertEquals(3, v[0]);
    }

    @Test
    void refusesEmptyNaNAndRanksOutside() {
        assertThrows(IllegalArgumentException.class, () -> new Percentiles(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new Percentiles(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new Percentiles(new double[] {1}).at(0));
        assertThrows(IllegalArgumentException.class, () -> new Percentiles(new double[] {1}).at(101));
    }
}
