package dev.sweep.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.wire.ControlMessage;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.Topics;
import dev.sweep.common.wire.WireCodec;
import dev.sweep.coordinator.Fixtures;
import dev.sweep.coordinator.cluster.SecuredBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a cluster that demands SASL/SCRAM-SHA-512 over TLS (a real KRaft broker whose only
 * client listener is SASL_SSL, its certificate signed by a CA made for the test): a sweep whose
 * every client, the coordinator's and the worker process's, authenticates with the settings of
 * one {@code --kafka-config} file runs to its end, and status, report and cancel work with the
 * same file. A wrong password, or a client that does not trust the broker's CA, is refused in one
 * line naming the setting to fix and never the password.
 */
class SecuredClusterTest {
    private static final Pattern METRICS = Pattern.compile("metrics at http://([^:/]+):(\\d+)/metrics");

    @TempDir
    static Path shared;

    private static SecuredBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = SecuredBroker.start(shared.resolve("broker"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aSweepRunsWithEveryClientAuthenticatedByTheConfigFile() throws Exception {
        Fixtures.writeSpec(dir, "secure", """
                training: {epochs: 1, batch_size: 8, eval_batch_size: 16, lr: 1.0e-4, max_steps: 2, log_every_steps: 1}
                seeds: [1]
                tricks: {ema: {decay: 0.5}}
                output: runs
                """);
        Path config = write(dir.resolve("client.properties"), broker.clientConfig(broker.password(), true));
        String[] kafka = {"--bootstrap", broker.bootstrap(), "--kafka-config", config.toString()};
        Path data = dir.resolve(".sweep");

        // run: the coordinator here, one worker process it starts with the same file
        Watched err = new Watched(METRICS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> CoordinatorMain.execute(concat(
                new String[] {"run", dir.resolve("spec.yaml").toString(), "--workers", "1", "--threads", "1",
                        "--data-dir", data.toString(), "--preflight", "off"}, kafka), print(out), print(err)));
        CompletableFuture.anyOf(run, err.match()).get(5, TimeUnit.MINUTES);
        assertTrue(err.match().isDone(), "the run ended before it served metrics: " + err);
        Matcher m = METRICS.matcher(err.match().get());
        assertTrue(m.find());
        assertMetricsOnLoopbackOnly(m.group(1), Integer.parseInt(m.group(2)));

        int code = run.get(6, TimeUnit.MINUTES);
        String workerLog = Files.readString(data.resolve("logs/worker-1.log"));
        assertEquals(0, code, "stderr:\n" + err + "\nworker log:\n" + workerLog);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\nema "), out.toString(StandardCharsets.UTF_8));
        assertTrue(workerLog.contains("completed"), workerLog);

        ByteArrayOutputStream status = new ByteArrayOutputStream();
        assertEquals(0, CoordinatorMain.execute(concat(new String[] {"status", "secure"}, kafka), print(status),
                print(new ByteArrayOutputStream())));
        assertTrue(status.toString(StandardCharsets.UTF_8).contains("2 completed"), status.toString(StandardCharsets.UTF_8));

        Path reports = dir.resolve("reports");
        ByteArrayOutputStream reportErr = new ByteArrayOutputStream();
        assertEquals(0, CoordinatorMain.execute(concat(new String[] {"report", "secure", "--format", "md", "--out",
                reports.toString()}, kafka), print(new ByteArrayOutputStream()), print(reportErr)),
                reportErr.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(reports.resolve("ablation.md")).contains("| | base | ema |"));

        assertEquals(0, CoordinatorMain.execute(concat(new String[] {"cancel", "secure"}, kafka),
                print(new ByteArrayOutputStream()), print(new ByteArrayOutputStream())));
        assertEquals(ControlMessage.Action.CANCEL, lastControl(KafkaSettings.of(broker.bootstrap(), config.toString()))
                .action());

        String everything = out + err.toString() + status + reportErr + workerLog;
        assertFalse(everything.contains(broker.password()), "a password was printed");
    }

    @Test
    void aWrongPasswordIsRefusedInOneLineNamingTheSettingNotTheSecret() throws Exception {
        String wrong = "wrong-" + broker.password();
        Path config = write(dir.resolve("wrong-password.properties"), broker.clientConfig(wrong, true));
        String expected = "error: Kafka at " + broker.bootstrap() + " refused the credentials: SASL authentication "
                + "failed (SCRAM-SHA-512); check sasl.jaas.config in " + config;

        Result status = coordinator("status", "secure", "--bootstrap", broker.bootstrap(), "--kafka-config",
                config.toString());
        assertOneErrorLine(status, expected, wrong);

        // the other clients: run's admin client (topic setup) and cancel's producer
        Fixtures.writeSpec(dir, "secure", """
                training: {epochs: 1, batch_size: 8, max_steps: 1}
                seeds: [1]
                tricks: {ema: {}}
                output: runs
                """);
        for (String[] command : List.of(new String[] {"run", dir.resolve("spec.yaml").toString(), "--workers", "0",
                "--preflight", "off", "--data-dir", dir.resolve(".sweep").toString()}, new String[] {"cancel", "secure"})) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(1, CoordinatorMain.execute(concat(command, new String[] {"--bootstrap", broker.bootstrap(),
                    "--kafka-config", config.toString()}), print(new ByteArrayOutputStream()), print(err)), command[0]);
            assertEquals(expected, err.toString(StandardCharsets.UTF_8).strip(), command[0]);
        }

        // a worker started on its own stops at once, not retrying forever
        Result worker = worker("worker", "--bootstrap", broker.bootstrap(), "--kafka-config", config.toString(),
                "--id", "wrong", "--threads", "1");
        assertOneErrorLine(worker, expected, wrong);
    }

    @Test
    void aClientThatDoesNotTrustTheBrokersCaIsToldToCheckItsTruststore() throws Exception {
        Path config = write(dir.resolve("no-truststore.properties"), broker.clientConfig(broker.password(), false));
        Result status = coordinator("status", "secure", "--bootstrap", broker.bootstrap(), "--kafka-config",
                config.toString());
        assertOneErrorLine(status, "error: Kafka at " + broker.bootstrap() + " failed the TLS handshake: its certificate "
                + "is not signed by a CA this client trusts; check ssl.truststore.location in " + config, broker.password());
    }

    @Test
    void aTruststoreThatIsNotThereIsNamedBeforeAnyClientIsMade() throws Exception {
        Properties p = broker.clientConfig(broker.password(), true);
        Path missing = dir.resolve("nowhere.p12");
        p.setProperty("ssl.truststore.location", missing.toString());
        Path config = write(dir.resolve("missing-truststore.properties"), p);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, CoordinatorMain.execute(new String[] {"cancel", "secure", "--bootstrap", broker.bootstrap(),
                "--kafka-config", config.toString()}, print(new ByteArrayOutputStream()), print(err)));
        assertEquals("error: Kafka client config " + config + ": ssl.truststore.location " + missing + ": no such file",
                err.toString(StandardCharsets.UTF_8).strip());
    }

    /**
     * The metrics endpoint answers on loopback and on no other address of this machine (where it
     * has one: a machine with loopback alone has nothing else to refuse).
     */
    private static void assertMetricsOnLoopbackOnly(String host, int port) throws Exception {
        assertEquals("127.0.0.1", host);
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/metrics").toURL()
                .openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(30_000);
        assertEquals(200, c.getResponseCode());
        c.disconnect();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(a, port), 5_000);
                        throw new AssertionError("the metrics endpoint answered on " + a.getHostAddress());
                    } catch (ConnectException refused) {
                        // nothing listens there: what binding to loopback means
                    }
                }
            }
        }
    }

    /** The newest control message, read back through the secured cluster. */
    private static ControlMessage lastControl(KafkaSettings settings) {
        Properties p = settings.properties();
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.CONTROL, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
            assertTrue(end > 0, "no control message on " + Topics.CONTROL);
            ControlMessage last = null;
            long deadline = System.currentTimeMillis() + 60_000;
            while (consumer.position(tp) < end) {
                assertTrue(System.currentTimeMillis() < deadline, "could not read " + Topics.CONTROL + " to its end");
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    last = WireCodec.control(r.value());
                }
            }
            return last;
        }
    }

    /** A command's whole output (its Kafka clients' log lines too) and exit code. */
    private record Result(int exitCode, String output) {}

    /** The coordinator's CLI in a child JVM, with the launcher's logging settings, so every line it prints is seen. */
    private static Result coordinator(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error", "-cp", System.getProperty("java.class.path"),
                CoordinatorMain.class.getName()));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    /** The worker jar, as a worker runs in production. */
    private static Result worker(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-jar", Fixtures.workerJar().toString()));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    private static Result exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = p.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd.subList(cmd.size() - 4, cmd.size()))
                    + " still running after 3 minutes (retrying forever?)");
        }
        return new Result(p.exitValue(), output.get(1, TimeUnit.MINUTES));
    }

    /**
     * Exit code 1, the expected line once, no stack trace, no Kafka client's log line saying the
     * same in its own words before it, and the secret nowhere.
     */
    private static void assertOneErrorLine(Result r, String expected, String secret) {
        assertEquals(1, r.exitCode(), r.output());
        List<String> errors = r.output().lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(List.of(expected), errors, r.output());
        assertEquals(List.of(), r.output().lines().filter(l -> l.contains("org.apache.kafka")).toList(), r.output());
        assertFalse(r.output().contains("\tat ") || r.output().contains("Exception in thread"), r.output());
        assertFalse(r.output().contains(secret), "the password was printed:\n" + r.output());
    }

    private static Path write(Path file, Properties p) throws IOException {
        // as a person writes one: key=value lines (Properties.store would escape the ':' of paths)
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Object, Object> e : new java.util.TreeMap<>(p).entrySet()) {
            b.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        Files.writeString(file, b.toString());
        return file;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static PrintStream print(OutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }

    /** Collects what a command prints and completes {@link #match()} with the first line matching a pattern. */
    private static final class Watched extends OutputStream {
        private final Pattern pattern;
        private final StringBuilder all = new StringBuilder();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final CompletableFuture<String> match = new CompletableFuture<>();

        Watched(Pattern pattern) {
            this.pattern = pattern;
        }

        CompletableFuture<String> match() {
            return match;
        }

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String l = line.toString(StandardCharsets.UTF_8);
            line.reset();
            all.append(l).append('\n');
            if (pattern.matcher(l).find()) {
                match.complete(l);
            }
        }

        @Override
        public synchronized String toString() {
            return all + line.toString(StandardCharsets.UTF_8);
        }
    }
}
