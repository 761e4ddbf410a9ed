package dev.sweep.coordinator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An averaged configuration belongs to the configuration of its members, whatever it is called. */
class AveragedConfigurationsTest {
    private static void queue(SweepState state, String id, String config, TrialKind kind, List<String> members) {
        state.apply(new TrialEvent.Queued(1, "s", id, 1, 0, kind, config, Map.of(), 1, null, members, 2, "p", null));
    }

    @Test
    void theMembersNameTheConfigurationNotTheAveragesName() {
        SweepState state = new SweepState("s");
        queue(state, "a1", "fgm", TrialKind.TRAIN, List.of());
        queue(state, "a2", "fgm", TrialKind.TRAIN, List.of());
        queue(state, "b1", "fgm+fma", TrialKind.TRAIN, List.of()); // a trained configuration that only looks like one
        queue(state, "b2", "fgm+fma", TrialKind.TRAIN, List.of());
        queue(state, "avg", "averaged fgm", TrialKind.AVERAGE, List.of("a1", "a2"));
        queue(state, "lost", "x+fma", TrialKind.AVERAGE, List.of("gone1", "gone2"));
        assertEquals(Map.of("fgm", "averaged fgm"), AveragedConfigurations.of(state.trials()));
    }
}
