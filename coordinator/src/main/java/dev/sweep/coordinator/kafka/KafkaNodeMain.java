package dev.sweep.coordinator.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A local multi-node Kafka cluster, one node per process, so that a node can be killed (SIGKILL)
 * and started again while the others serve: what a broker lost mid-sweep is, on one machine.
 *
 * <pre>
 * init DIR N     lays out an N-node cluster in DIR (free loopback ports); prints its bootstrap servers
 * node DIR ID    runs node ID of the cluster in DIR until stopped (SIGTERM stops it cleanly)
 * </pre>
 *
 * Run with the coordinator's classpath: {@code java -cp ... dev.sweep.coordinator.kafka.KafkaNodeMain}.
 * Exit codes: 0 stopped, 1 an error (one line on stderr), 2 usage.
 */
public final class KafkaNodeMain {
    /** The line a node prints once it serves; whoever starts it may wait for it. */
    public static final String READY = "kafka node serving";

    private KafkaNodeMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3 || !(args[0].equals("init") || args[0].equals("node"))) {
            System.err.println("usage: KafkaNodeMain init DIR N | node DIR ID");
            System.exit(2);
        }
        Path dir = Path.of(args[1]).toAbsolutePath();
        int number;
        try {
            number = Integer.parseInt(args[2]);
        } catch (NumberFormatException e) {
            System.err.println("error: " + args[0] + " takes a number after DIR, but got '" + args[2] + "'");
            System.exit(2);
            return;
        }
        try {
            if (args[0].equals("init")) {
                System.out.println(ClusterLayout.create(dir, number).bootstrap());
                return;
            }
            EmbeddedBroker node = EmbeddedBroker.startNode(dir, number);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                node.close();
                stopped.countDown();
            }, "kafka-node-stop"));
            System.out.println(READY + " " + number + " at " + node.bootstrap());
            System.out.flush();
            stopped.await();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
