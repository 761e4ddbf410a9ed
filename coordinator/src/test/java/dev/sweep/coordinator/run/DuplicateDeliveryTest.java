package dev.sweep.coordinator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialSpec;
import dev.sweep.coordinator.Fixtures;
import dev.sweep.coordinator.kafka.EmbeddedBroker;
import dev.sweep.coordinator.kafka.EventLog;
import dev.sweep.coordinator.kafka.SweepPublisher;
import dev.sweep.coordinator.kafka.TopicSetup;
import dev.sweep.coordinator.plan.SweepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trial delivered again after its result is in the log is not trained again. */
class DuplicateDeliveryTest {
    @TempDir
    Path dir;

    @Test
    void aTrialWhoseResultIsInTheLogIsSkippedWhenDeliveredAgain() throws Exception {
        Path specFile = Fixtures.writeSpec(dir, "dup", """
                training: {epochs: 1, batch_size: 8, lr: 1.0e-4, max_steps: 2}
                seeds: [1]
                tricks: {ema: {}}
                fma: false
                """);
        SweepSpec spec = Codec.readYaml(specFile, SweepSpec.class);
        TrialSpec trial = new SweepPlanner(spec, dir).trials().get(0);
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("kafka"))) {
            KafkaSettings settings = KafkaSettings.of(broker.bootstrap(), null);
            TopicSetup.ensure(settings, 1);
            try (WorkerProcesses worker = WorkerProcesses.start(Fixtures.workerJar(), broker.bootstrap(), 1, 1,
                    dir.resolve("logs"), List.of("-Dai.djl.offline=true"), List.of());
                    SweepPublisher publisher = new SweepPublisher(settings);
                    EventLog log = new EventLog(settings, w -> {})) {
                publisher.publish(trial);
                List<TrialEvent> events = new ArrayList<>();
                long deadline = System.currentTimeMillis() + 180_000;
                while (events.stream().noneMatch(e -> e instanceof TrialEvent.Completed)) {
                    assertTrue(System.currentTimeMillis() < deadline, "the trial completed: " + events);
                    events.addAll(log.poll(Duration.ofMillis(500)).events());
                }
                publisher.publish(trial); // the same trial, delivered a second time
                Path workerLog = worker.logs().get(0);
                while (!Files.readString(workerLog).contains("skipped " + trial.trialId())) {
                    assertTrue(System.currentTimeMillis() < deadline, "the worker skipped it:\n" + Files.readString(workerLog));
                    events.addAll(log.poll(Duration.ofMillis(500)).events());
                }
                events.addAll(log.catchUp().events());
                assertEquals(1, events.stream().filter(e -> e instanceof TrialEvent.Started).count(), "trained once");
                assertEquals(1, events.stream().filter(e -> e instanceof TrialEvent.Completed).count(), "one result");
            }
        }
    }
}
