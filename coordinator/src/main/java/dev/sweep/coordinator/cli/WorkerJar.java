package dev.sweep.coordinator.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Where the worker jar is and how its JVMs (workers, preflight) are started. */
final class WorkerJar {
    private WorkerJar() {}

    /** -Dsweep.workerJar, else beside this jar's module in a source checkout. */
    static Path path() {
        String explicit = System.getProperty("sweep.workerJar");
        if (explicit != null) {
            return Path.of(explicit);
        }
        try {
            Path self = Path.of(WorkerJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/sweep-coordinator.jar or target/classes -> ../../worker/target/sweep-worker.jar
            return self.getParent().getParent().getParent().resolve("worker/target/sweep-worker.jar");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the coordinator's own jar", e);
        }
    }

    /** The launcher's JVM options, plus SWEEP_WORKER_JAVA_OPTS. */
    static List<String> jvmOptions() {
        List<String> opts = new ArrayList<>(List.of("-Dai.djl.offline=true", "-Dai.djl.pytorch.graph_optimizer=false",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error"));
        String extra = System.getenv("SWEEP_WORKER_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            opts.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        return opts;
    }
}
