package dev.sweep.coordinator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.Topics;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.coordinator.Fixtures;
import dev.sweep.coordinator.kafka.EventLog;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.run.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command lines against a cluster given as a list of bootstrap servers, each run as its own
 * process the way {@code ./sweep} runs it: the list reaches the clients, a cluster of three gets
 * its topics with three copies, one whose topics were made with fewer is refused in one line, and
 * brokers that do not answer are named, all of them, in one line.
 */
class ClusterCommandLineTest {
    @TempDir
    Path dir;

    private record Result(int code, String output) {
        /** The lines the command wrote, without the Kafka clients' own log lines. */
        List<String> lines() {
            return output.lines().filter(l -> !l.startsWith("[")).toList();
        }
    }

    private Process start(String name, List<String> cmd) throws Exception {
        List<String> full = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error",
                "-Dai.djl.offline=true"));
        full.addAll(cmd);
        return new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
    }

    private Process coordinator(String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                "dev.sweep.coordinator.cli.CoordinatorMain"));
        cmd.addAll(List.of(args));
        return start(name, cmd);
    }

    private Result finish(String name, Process p) throws Exception {
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), name + " ended");
        return new Result(p.exitValue(), Files.readString(dir.resolve(name + ".log")));
    }

    @Test
    void brokersThatDoNotAnswerAreNamedAllOfThemInOneLine() throws Exception {
        Fixtures.writeSpec(dir, "nowhere", "training: {epochs: 1, max_steps: 1}\nseeds: [1]\ntricks: {ema: {decay: 0.5}}\noutput: runs");
        // two ports nothing listens on
        String list = "127.0.0.1:" + Ports.free() + ",127.0.0.1:" + Ports.free();
        Process run = coordinator("run", "run", dir.resolve("spec.yaml").toString(), "--bootstrap", list,
                "--preflight", "off", "--data-dir", dir.resolve(".sweep").toString());
        Process worker = start("worker", List.of("-jar", Fixtures.workerJar().toString(), "worker", "--bootstrap", list,
                "--id", "w-nowhere"));
        for (var e : Map.of("run", run, "worker", worker).entrySet()) {
            Result r = finish(e.getKey(), e.getValue());
            assertEquals(1, r.code(), r.output());
            List<String> errors = r.lines().stream().filter(l -> l.startsWith("error: ")).toList();
            assertEquals(1, errors.size(), "one error line: " + r.output());
            assertTrue(errors.get(0).startsWith("error: Kafka at " + list + " did not answer"), errors.get(0));
            assertTrue(errors.get(0).contains("check --bootstrap"), errors.get(0));
            assertFalse(r.output().contains("\tat "), "no stack trace: " + r.output());
        }
    }

    /** A worker started before any coordinator made the topics waits for them, then serves the sweep. */
    @Test
    void aWorkerStartedBeforeTheTopicsExistWaitsForThemAndServes() throws Exception {
        Path spec = Fixtures.writeSpec(dir, "early", "training: {epochs: 1, batch_size: 8, max_steps: 1}\nseeds: [1]\n"
                + "tricks: {ema: {decay: 0.5}}\noutput: runs");
        try (dev.sweep.coordinator.kafka.EmbeddedBroker broker =
                dev.sweep.coordinator.kafka.EmbeddedBroker.start(dir.resolve("kafka"))) {
            Process worker = start("early-worker", List.of("-jar", Fixtures.workerJar().toString(), "worker",
                    "--bootstrap", broker.bootstrap(), "--id", "w-early", "--threads", "1"));
            try {
                Path log = dir.resolve("early-worker.log");
                long deadline = System.currentTimeMillis() + 120_000;
                while (!(Files.exists(log) && Files.readString(log).contains("waiting for a coordinator to create"))) {
                    assertTrue(worker.isAlive(), "the worker gave up before the topics existed: "
                            + (Files.exists(log) ? Files.readString(log) : ""));
                    assertTrue(System.currentTimeMillis() < deadline, "the worker never said it waits for the topics");
                    Thread.sleep(200); // polling its log for the line, not waiting out a time
                }
                Result run = finish("early-run", coordinator("early-run", "run", spec.toString(), "--bootstrap",
                        broker.bootstrap(), "--workers", "0", "--preflight", "off", "--data-dir",
                        dir.resolve(".sweep").toString()));
                assertEquals(0, run.code(), run.output() + Files.readString(log));
                assertTrue(worker.isAlive(), "the worker still serves: " + Files.readString(log));
                assertFalse(Files.readString(log).contains("Exception"), Files.readString(log));
            } finally {
                worker.destroy();
                worker.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void submitToAThreeNodeClusterMakesThreeCopiesAndRefusesTopicsMadeWithOne() throws Exception {
        Path spec = Fixtures.writeSpec(dir, "listed", """
                training: {epochs: 1, batch_size: 8, max_steps: 2}
                seeds: [1, 2]
                tricks: {ema: {decay: 0.5}}
                output: runs
                """);
        try (NodeProcesses cluster = NodeProcesses.start(dir.resolve("kafka"), 3, System.currentTimeMillis() + 120_000)) {
            String list = cluster.bootstrap();
            // a topic left from a single-broker setup: one copy
            cluster.admin().createTopics(List.of(new NewTopic(Topics.DEAD, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Result refused = finish("submit-1", coordinator("submit-1", "submit", spec.toString(), "--bootstrap", list,
                    "--preflight", "off", "--data-dir", dir.resolve(".sweep").toString()));
            assertEquals(1, refused.code(), refused.output());
            assertEquals(List.of("error: the cluster cannot keep the sweep topics at replication factor 3, "
                    + "min.insync.replicas 2: topics made with fewer replicas than the 3 asked: sweep.dead (1); add "
                    + "replicas with kafka-reassign-partitions (or delete the sweep topics, losing their sweeps), or pass "
                    + "--replication 1"), refused.lines());
            assertFalse(cluster.topics().contains(Topics.TRIALS), "refused before any topic was made");

            cluster.admin().deleteTopics(List.of(Topics.DEAD)).all().get(30, TimeUnit.SECONDS);
            cluster.await(() -> !cluster.topics().contains(Topics.DEAD), System.currentTimeMillis() + 30_000,
                    "sweep.dead deleted");
            Result ok = finish("submit-2", coordinator("submit-2", "submit", spec.toString(), "--bootstrap", list,
                    "--preflight", "off", "--data-dir", dir.resolve(".sweep").toString()));
            assertEquals(0, ok.code(), ok.output());
            assertTrue(ok.lines().stream().anyMatch(l -> l.startsWith("sweep listed: 4 trials in the log (topics: "
                    + "replication factor 3, min.insync.replicas 2)") && l.endsWith("--bootstrap " + list + "'")),
                    ok.output());
            List<String> topics = List.of(Topics.TRIALS, Topics.EVENTS, Topics.CONTROL, Topics.DEAD, Topics.WORKERS);
            cluster.partitions(topics).forEach((p, info) -> assertEquals(3, info.replicas().size(), p));
            Map<ConfigResource, Config> configs = cluster.admin().describeConfigs(topics.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get(30, TimeUnit.SECONDS);
            configs.forEach((t, c) -> assertEquals("2", c.get("min.insync.replicas").value(), t.name()));
            // and the trials went through the listed servers
            long queued;
            try (EventLog log = new EventLog(KafkaSettings.of(list, null), w -> {})) {
                queued = log.catchUp().events().stream().filter(e -> e instanceof TrialEvent.Queued).count();
            }
            assertEquals(new SweepPlanner(dev.sweep.common.codec.Codec.readYaml(spec,
                    dev.sweep.common.sweep.SweepSpec.class), dir).trials().size(), queued);
        }
    }
}
