package dev.sweep.coordinator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.Topics;
import dev.sweep.coordinator.Fixtures;
import dev.sweep.coordinator.kafka.EventLog;
import dev.sweep.coordinator.kafka.Replication;
import dev.sweep.coordinator.kafka.ReplicationRequest;
import dev.sweep.coordinator.kafka.SweepPublisher;
import dev.sweep.coordinator.kafka.TopicSetup;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.run.SweepCoordinator;
import dev.sweep.coordinator.run.WorkerProcesses;
import dev.sweep.coordinator.state.SweepState;
import dev.sweep.coordinator.state.TrialState;
import dev.sweep.coordinator.state.TrialView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real three-node Kafka cluster (three processes, each broker and controller), two real worker
 * processes training the embedded model, and the coordinator: the broker leading the event
 * partition of a trial in training is SIGKILLed. The sweep must finish on the two brokers left with
 * every trial completed exactly once, nothing lost or doubled, and the coordinator's state that of
 * a replay of the log; the killed broker, started again on its folder, must catch up until it is
 * back in the in-sync replicas of every partition.
 */
class BrokerLossTest {
    private static final List<String> TOPICS = List.of(Topics.TRIALS, Topics.EVENTS, Topics.CONTROL, Topics.DEAD,
            Topics.WORKERS);

    @TempDir
    Path dir;

    /** What the coordinator and a replay must agree on for each trial. */
    private record Outcome(TrialState state, int attempt, String worker, TrialResult result, int duplicates) {
        static Outcome of(TrialView t) {
            return new Outcome(t.state(), t.attempt(), t.worker(), t.result(), t.duplicateResults());
        }
    }

    private static Map<String, Outcome> outcomes(SweepState state) {
        Map<String, Outcome> m = new TreeMap<>();
        state.trials().forEach(t -> m.put(t.trialId(), Outcome.of(t)));
        return m;
    }


    /** The partition a keyed record goes to: the producer's default partitioner. */
    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Test
    void aBrokerKilledMidSweepLosesNoResultAndCatchesUpWhenStartedAgain() throws Exception {
        long t0 = System.currentTimeMillis();
        Fixtures.writeSpec(dir, "brokerloss", """
                training: {epochs: 2, batch_size: 8, eval_batch_size: 16, lr: 1.0e-4, max_steps: 6, log_every_steps: 1}
                seeds: [1, 2]
                tricks: {ema: {decay: 0.5}}
                output: runs
                """);
        SweepSpec spec = Codec.readYaml(dir.resolve("spec.yaml"), SweepSpec.class);
        SweepPlanner planner = new SweepPlanner(spec, dir);
        try (NodeProcesses cluster = NodeProcesses.start(dir.resolve("kafka"), 3, t0 + 120_000)) {
            long started = System.currentTimeMillis();
            KafkaSettings settings = KafkaSettings.of(cluster.bootstrap(), null);
            // nothing asked: a cluster of three gives three copies, two in sync for a write
            assertEquals(new Replication(3, 2), TopicSetup.ensure(settings, ReplicationRequest.AUTO));
            for (var e : cluster.partitions(TOPICS).entrySet()) {
                assertEquals(3, e.getValue().replicas().size(), e.getKey() + " has three replicas");
            }
            int[] killed = {0};
            int[] controllerAtKill = {0};
            String[] killedFor = {null};
            int[] restarts = {0};
            long[] killedAt = {0};
            SweepState state;
            SweepCoordinator coordinator;
            try (WorkerProcesses workers = WorkerProcesses.start(Fixtures.workerJar(), cluster.bootstrap(), 2, 1,
                    dir.resolve("logs"), List.of("-Dai.djl.offline=true"), List.of());
                    SweepPublisher publisher = new SweepPublisher(settings);
                    EventLog log = new EventLog(settings, w -> {})) {
                coordinator = new SweepCoordinator(spec, planner, publisher, log, SweepCoordinator.Dispatch.ON_IDLE);
                long deadline = t0 + 6 * 60_000;
                state = coordinator.run(c -> {
                    if (killed[0] != 0) {
                        return;
                    }
                    // the first trial seen training: kill the broker its events go through
                    for (TrialView t : c.state().trials()) {
                        if (t.state() == TrialState.RUNNING && t.progress() != null) {
                            try {
                                String partition = Topics.EVENTS + "-" + partitionOf(t.trialId(), 4);
                                TopicPartitionInfo info = cluster.partitions(List.of(Topics.EVENTS)).get(partition);
                                controllerAtKill[0] = cluster.activeController();
                                cluster.kill(info.leader().id());
                                killed[0] = info.leader().id();
                                killedAt[0] = System.currentTimeMillis();
                                killedFor[0] = partition + " (trial " + t.trialId() + " at step " + t.progress().step()
                                        + " of " + t.progress().totalSteps() + " on " + t.worker() + ")";
                            } catch (Exception e) {
                                throw new IllegalStateException("could not find or kill the leader: " + e.getMessage(), e);
                            }
                            return;
                        }
                    }
                }, () -> restarts[0] += workers.restartExited().size(), () -> System.currentTimeMillis() > deadline);
            }
            long sweepEnded = System.currentTimeMillis();
            assertNotEquals(0, killed[0], "a broker was killed while a trial trained");
            assertTrue(coordinator.done(), "the sweep finished on the two brokers left: " + state.trials()
                    + "\n" + cluster.logTails());
            List<TrialView> trials = new ArrayList<>(state.trials());
            assertEquals(Fixtures.plannedWithAverages(planner), new TreeSet<>(trials.stream().map(TrialView::trialId).toList()),
                    "the trials of an uninterrupted run");
            for (TrialView t : trials) {
                assertEquals(TrialState.COMPLETED, t.state(), t.trialId() + ": " + t.error());
                assertEquals(0, t.duplicateResults(), t.trialId() + " has one result");
            }
            assertEquals(0, restarts[0], "no worker died of the lost broker (they fail over, not out)");
            // while it is down the cluster has moved on without it: no partition led by it, none waiting on it
            for (var e : cluster.partitions(TOPICS).entrySet()) {
                assertNotEquals(killed[0], e.getValue().leader() == null ? -1 : e.getValue().leader().id(),
                        e.getKey() + " has a new leader");
                assertTrue(e.getValue().isr().stream().noneMatch(n -> n.id() == killed[0]), e.getKey()
                        + " no longer counts the dead broker in sync");
            }
            // the log itself: one completed event per trial, and a replay folds to the coordinator's state
            Fixtures.LogReplay log = Fixtures.replayLog(settings, "brokerloss");
            SweepState replay = log.state();
            Map<String, Long> completed = log.completed();
            assertEquals(Fixtures.plannedWithAverages(planner), completed.keySet(), "a completed event for every trial");
            assertTrue(completed.values().stream().allMatch(n -> n == 1), "no trial trained twice: " + completed);
            assertEquals(outcomes(state), outcomes(replay), "the coordinator's state is the log's");

            // started again on its folder, the broker catches up: back in the ISR of every partition
            cluster.restart(killed[0]);
            long restartedAt = System.currentTimeMillis();
            List<String> all = new ArrayList<>(TOPICS);
            all.add("__consumer_offsets");
            int[] partitions = {0};
            cluster.await(() -> {
                if (!cluster.liveBrokers().contains(killed[0])) {
                    return false;
                }
                Map<String, TopicPartitionInfo> now = cluster.partitions(all);
                partitions[0] = now.size();
                return now.values().stream().allMatch(p -> p.isr().stream().anyMatch(n -> n.id() == killed[0]));
            }, restartedAt + 120_000, "node " + killed[0] + " back in the ISR of every partition");
            long caughtUp = System.currentTimeMillis();
            System.out.printf("broker loss: killed node %d, leader of %s; the active controller was node %d; %d trials "
                    + "completed once each, 0 duplicates, %d worker restarts; cluster up in %.1f s, sweep %.1f s "
                    + "(%.1f s of it with the broker down); restarted node in the ISR of all %d partitions %.1f s after "
                    + "its start%n", killed[0], killedFor[0], controllerAtKill[0], trials.size(), restarts[0],
                    (started - t0) / 1000.0, (sweepEnded - started) / 1000.0, (sweepEnded - killedAt[0]) / 1000.0,
                    partitions[0], (caughtUp - restartedAt) / 1000.0);
        }
    }
}
