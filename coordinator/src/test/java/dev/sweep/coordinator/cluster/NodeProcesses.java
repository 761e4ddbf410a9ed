package dev.sweep.coordinator.cluster;

import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.coordinator.kafka.ClusterLayout;
import dev.sweep.coordinator.kafka.KafkaNodeMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A local Kafka cluster whose nodes are real Kafka in processes of their own
 * ({@link KafkaNodeMain} on the test classpath), so that one can be SIGKILLed and started again on
 * its folder; and an admin client to ask the cluster what it knows.
 */
final class NodeProcesses implements AutoCloseable {
    private final Path dir;
    private final ClusterLayout layout;
    private final Process[] nodes;
    private Admin admin;

    private NodeProcesses(Path dir, ClusterLayout layout) {
        this.dir = dir;
        this.layout = layout;
        this.nodes = new Process[layout.nodes().size() + 1];
    }

    /** Lays out {@code size} nodes in {@code dir}, starts each in its process and waits until all serve. */
    static NodeProcesses start(Path dir, int size, long deadline) throws Exception {
        NodeProcesses c = new NodeProcesses(dir, ClusterLayout.create(dir, size));
        try {
            for (int id = 1; id <= size; id++) {
                c.launch(id);
            }
            // each node says when it serves (a majority must be up for any to): no client asks before
            c.await(() -> java.util.stream.IntStream.rangeClosed(1, size).allMatch(c::ready), deadline,
                    "every node printed '" + KafkaNodeMain.READY + "'");
            Properties p = KafkaSettings.of(c.layout.bootstrap(), null).properties();
            p.put("request.timeout.ms", "10000");
            p.put("default.api.timeout.ms", "20000");
            c.admin = Admin.create(p);
            c.await(() -> c.liveBrokers().size() == size, deadline, "all " + size + " brokers registered");
            return c;
        } catch (Exception | AssertionError e) {
            c.close();
            throw e;
        }
    }

    /** Whether node {@code id}'s log has its ready line (since its last start: a restart appends). */
    private boolean ready(int id) {
        if (!alive(id)) {
            throw new AssertionError("node " + id + " exited with " + nodes[id].exitValue() + ":\n" + logTails());
        }
        try {
            List<String> lines = Files.readAllLines(log(id));
            return !lines.isEmpty() && lines.stream().anyMatch(l -> l.startsWith(KafkaNodeMain.READY));
        } catch (IOException e) {
            return false; // not written yet
        }
    }

    String bootstrap() {
        return layout.bootstrap();
    }

    Admin admin() {
        return admin;
    }

    private void launch(int id) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a broker of a test cluster needs little; the machine runs three, two workers and the test
                "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                KafkaNodeMain.class.getName(), "node", dir.toString(), String.valueOf(id)));
        nodes[id] = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(id).toFile())).start();
    }

    Path log(int id) {
        return dir.resolve("node-" + id + ".log");
    }

    /** SIGKILL node {@code id}: no shutdown, nothing flushed, its sockets closed by the kernel. */
    void kill(int id) throws InterruptedException {
        nodes[id].destroyForcibly().waitFor();
    }

    /** Starts node {@code id} again on its folder (same id, ports and log). */
    void restart(int id) throws IOException {
        if (nodes[id] != null && nodes[id].isAlive()) {
            throw new IllegalStateException("node " + id + " is still running");
        }
        launch(id);
    }

    boolean alive(int id) {
        return nodes[id] != null && nodes[id].isAlive();
    }

    /** The brokers the cluster counts live (registered, unfenced). */
    Set<Integer> liveBrokers() throws InterruptedException {
        try {
            return admin.describeCluster().nodes().get(15, TimeUnit.SECONDS).stream().map(Node::id)
                    .collect(Collectors.toSet());
        } catch (ExecutionException | TimeoutException e) {
            return Set.of(); // no quorum yet, or the asked broker is the dead one: not live as far as we know
        }
    }

    /** Each partition of the topics ({@code "topic-N"}) with its description, internal topics included. */
    Map<String, TopicPartitionInfo> partitions(List<String> topics) throws Exception {
        Map<String, TopicDescription> d = admin.describeTopics(topics).allTopicNames().get(15, TimeUnit.SECONDS);
        Map<String, TopicPartitionInfo> out = new TreeMap<>();
        d.forEach((t, desc) -> desc.partitions().forEach(p -> out.put(t + "-" + p.partition(), p)));
        return out;
    }

    Set<String> topics() throws Exception {
        return admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(15, TimeUnit.SECONDS);
    }

    /** The node leading the controller quorum now. */
    int activeController() throws Exception {
        return admin.describeMetadataQuorum().quorumInfo().get(15, TimeUnit.SECONDS).leaderId();
    }

    /**
     * Waits for {@code condition}, polled every 200 ms, until {@code deadline}; fails naming what was
     * awaited and the tail of every node's log. A dead node process fails at once unless expected.
     */
    void await(Check condition, long deadline, String what) throws Exception {
        while (!condition.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within the deadline: " + what + "\n" + logTails());
            }
            Thread.sleep(200); // polling a condition, not timing: the deadline bounds it
        }
    }

    /** A condition that may ask the cluster. */
    interface Check {
        boolean holds() throws Exception;
    }

    String logTails() {
        StringBuilder b = new StringBuilder();
        for (int id = 1; id < nodes.length; id++) {
            b.append("--- node ").append(id).append(alive(id) ? " (alive)" : " (dead)").append(":\n");
            try {
                List<String> lines = Files.exists(log(id)) ? Files.readAllLines(log(id)) : List.of();
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> b.append(l).append('\n'));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return b.toString();
    }

    /**
     * SIGKILL every node: a test cluster's folders are thrown away, and a clean shutdown of the
     * last nodes of a quorum waits for a controller that is gone.
     */
    @Override
    public void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
        for (int id = 1; id < nodes.length; id++) {
            if (nodes[id] != null) {
                try {
                    nodes[id].destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
