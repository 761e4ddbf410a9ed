package dev.sweep.coordinator.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistributionTest {
    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void aFloatRangeMustNotBeUpsideDown() {
        assertEquals("low <= high must hold, but got (low=2.0, high=1.0)", message(() -> new FloatDistribution(2, 1, false)));
    }

    @Test
    void aLogFloatRangeMustBePositive() {
        assertEquals("low > 0 must hold for a log distribution, but got (low=0.0, high=1.0)",
                message(() -> new FloatDistribution(0, 1, true)));
    }

    @Test
    void aFloatRangeMustBeFinite() {
        assertEquals("low and high must be finite, but got (low=0.0, high=Infinity)",
                message(() -> new FloatDistribution(0, Double.POSITIVE_INFINITY, false)));
    }

    @Test
    void anIntRangeMustNotBeUpsideDownAndALogOneStartsAtOne() {
        assertEquals("low <= high must hold, but got (low=5, high=4)", message(() -> new IntDistribution(5, 4, false)));
        assertEquals("low >= 1 must hold for a log distribution, but got (low=0, high=4)", message(() -> new IntDistribution(0, 4, true)));
    }

    @Test
    void categoricalChoicesAreSomeAndDistinct() {
        assertEquals("choices must hold at least one choice, but got []", message(() -> new CategoricalDistribution(List.of())));
        assertEquals("choices must be distinct, but got [a, a]", message(() -> CategoricalDistribution.of("a", "a")));
    }

    @Test
    void aSingleValueRangeIsAllowedAsInOptuna() {
        assertTrue(new FloatDistribution(1, 1, false).contains(1.0));
        assertTrue(new IntDistribution(3, 3, false).contains(3));
    }

    @Test
    void containsChecksTheTypeAndTheRange() {
        FloatDistribution f = new FloatDistribution(0, 1, false);
        assertTrue(f.contains(0.5));
        assertFalse(f.contains(1.5));
        assertFalse(f.contains(1)); // an Integer is no float value
        IntDistribution i = new IntDistribution(1, 16, true);
        assertTrue(i.contains(16));
        assertFalse(i.contains(17));
        assertEquals(7, i.toExternal(6.6));
        assertEquals(2, CategoricalDistribution.of("a", "b", "c").toInternal("c"));
    }

    @Test
    void aConditionalParameterNeedsAnEarlierCategoricalParentWithThatValue() {
        assertEquals("tricks.fgm.epsilon: the parent 'tricks.fgm' must come before the parameter it conditions",
                message(() -> SearchSpace.builder().addWhen("tricks.fgm.epsilon", new FloatDistribution(0.1, 1, false), "tricks.fgm", true)
                        .add("tricks.fgm", CategoricalDistribution.of(false, true)).build()));
        assertEquals("tricks.fgm.epsilon: the condition's value must be one of the categorical parent's choices, but got yes for tricks.fgm "
                        + "CategoricalDistribution[choices=[false, true]]",
                message(() -> SearchSpace.builder().add("tricks.fgm", CategoricalDistribution.of(false, true))
                        .addWhen("tricks.fgm.epsilon", new FloatDistribution(0.1, 1, false), "tricks.fgm", "yes").build()));
        assertEquals("parameter names must be unique, but 'training.lr' repeats",
                message(() -> SearchSpace.builder().add("training.lr", new FloatDistribution(1e-5, 1e-3, true))
                        .add("training.lr", new FloatDistribution(1e-5, 1e-3, true)).build()));
    }

    @Test
    void aSpaceAdmitsExactlyTheActiveParameters() {
        SearchSpace space = SearchSpace.builder()
                .add("tricks.fgm", CategoricalDistribution.of(false, true))
                .addWhen("tricks.fgm.epsilon", new FloatDistribution(0.1, 1, false), "tricks.fgm", true)
                .build();
        assertTrue(space.admits(Map.of("tricks.fgm", true, "tricks.fgm.epsilon", 0.5)));
        assertTrue(space.admits(Map.of("tricks.fgm", false)));
        assertFalse(space.admits(Map.of("tricks.fgm", false, "tricks.fgm.epsilon", 0.5)));
        assertFalse(space.admits(Map.of("tricks.fgm", true)));
    }

    @Test
    void aTrialHasAValueExactlyWhenItIsComplete() {
        assertEquals("trial 3: a COMPLETE trial needs a value that is a number, but got NaN",
                message(() -> SearchTrial.running(3, Map.of()).completed(Double.NaN)));
        assertEquals("trial 3: only a COMPLETE trial has a value, but a PRUNED one got 1.0",
                message(() -> new SearchTrial(3, Map.of(), TrialState.PRUNED, 1.0, new java.util.TreeMap<>())));
    }
}
