package dev.sweep.coordinator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.coordinator.plan.SweepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSweepTest {
    @TempDir
    Path dir;

    @Test
    void theSpecPlansExactlyTheTrialsAskedForPastTheDefaultGuard() throws Exception {
        Path file = dir.resolve("bench.yaml");
        Files.writeString(file, BenchSweep.yaml("b", 1200));
        SweepSpec spec = Codec.readYaml(file, SweepSpec.class);
        SweepPlanner planner = new SweepPlanner(spec, dir);
        assertEquals(1200, planner.trials().size(), "no FMA averages added, max_trials raised from 500");
        assertEquals(10, planner.configurations().size());
        assertEquals(1200, planner.trials().stream().map(t -> t.trialId()).distinct().count());
    }

    @Test
    void aPrunerCanBeAskedFor() throws Exception {
        Path file = dir.resolve("bench.yaml");
        Files.writeString(file, BenchSweep.yaml("b", 100, "asha"));
        SweepSpec spec = Codec.readYaml(file, SweepSpec.class);
        assertEquals(dev.sweep.common.sweep.PruneSpec.Method.ASHA, spec.prune().method());
        assertEquals(3, spec.prune().reductionFactor());
        assertThrows(IllegalArgumentException.class, () -> BenchSweep.yaml("b", 100, "hyperband"));
    }

    @Test
    void refusesACountTheGridCannotMake() {
        assertThrows(IllegalArgumentException.class, () -> BenchSweep.yaml("b", 1005));
        assertThrows(IllegalArgumentException.class, () -> BenchSweep.yaml("b", 0));
    }
}
