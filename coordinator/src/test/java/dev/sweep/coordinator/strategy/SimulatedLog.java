package dev.sweep.coordinator.strategy;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.state.SweepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A sweep's event log kept in memory for the strategy tests: what a coordinator would publish
 * (queued events with their proposals) and what workers would answer (started, evaluated,
 * completed), appended in order. Replaying it into a fresh state is what a restarted coordinator
 * does. No Kafka: these tests are of the strategies' logic alone.
 */
final class SimulatedLog {
    final List<TrialEvent> events = new ArrayList<>();
    private final String sweep;
    private final String metric;
    private final boolean higher;

    SimulatedLog(String sweep, String metric, boolean higherIsBetter) {
        this.sweep = sweep;
        this.metric = metric;
        this.higher = higherIsBetter;
    }

    static SweepSpec spec(Path dir, String yaml) throws Exception {
        Path f = dir.resolve("spec.yaml");
        Files.writeString(f, yaml);
        return Codec.readYaml(f, SweepSpec.class);
    }

    static SweepPlanner planner(Path dir, SweepSpec spec) {
        return new SweepPlanner(spec, dir);
    }

    /** A fresh state with every event so far: the coordinator's view after a restart. */
    SweepState replay() {
        SweepState s = new SweepState(sweep);
        events.forEach(s::apply);
        return s;
    }

    void queue(Proposed p) {
        events.add(TrialEvent.Queued.of(p.trial(), null, p.proposal()));
    }

    void start(TrialSpec t) {
        events.add(new TrialEvent.Started(1, sweep, t.trialId(), 1, 1, "w", "cpu"));
    }

    void evaluate(TrialSpec t, int index, double value) {
        events.add(new TrialEvent.Evaluated(1, sweep, t.trialId(), 1, 2, "w", null,
                EvalPoint.of(1, index * 10, 0.5, metrics(value))));
    }

    void complete(TrialSpec t, double value) {
        events.add(new TrialEvent.Completed(1, sweep, t.trialId(), 1, 3, "w", new TrialResult(metric, higher,
                metrics(value), 10, metrics(value), List.of(EvalPoint.of(1, 10, 0.5, metrics(value))), 10, 0, 1, 1, 1, 1,
                1, "/out")));
    }

    /** Queued, started and completed at once. */
    void run(Proposed p, double value) {
        queue(p);
        start(p.trial());
        complete(p.trial(), value);
    }

    private TreeMap<String, Double> metrics(double value) {
        TreeMap<String, Double> m = new TreeMap<>();
        m.put(metric, value);
        return m;
    }
}
