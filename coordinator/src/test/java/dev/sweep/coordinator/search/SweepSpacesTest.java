package dev.sweep.coordinator.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sweep.common.sweep.SpaceAxis;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepSpacesTest {
    @Test
    void aTricksParameterIsConditionalOnItsSwitchAndFollowsIt() {
        SearchSpace space = SweepSpaces.of(List.of(
                new SpaceAxis("tricks.fgm.epsilon", null, 0.1, 1.0, false),
                new SpaceAxis("training.lr", null, 1e-5, 1e-3, true),
                new SpaceAxis("tricks.fgm", List.of(false, true), null, null, false),
                new SpaceAxis("tricks.ema.decay", List.of(0.99, 0.999), null, null, false)));
        assertEquals(List.of(
                new Parameter("training.lr", new FloatDistribution(1e-5, 1e-3, true), null),
                new Parameter("tricks.fgm", CategoricalDistribution.of(false, true), null),
                new Parameter("tricks.fgm.epsilon", new FloatDistribution(0.1, 1.0, false), new Parameter.Condition("tricks.fgm", true)),
                new Parameter("tricks.ema.decay", CategoricalDistribution.of(0.99, 0.999), null)), space.parameters());
    }
}
