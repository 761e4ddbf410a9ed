package dev.sweep.coordinator.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Worker child processes for the embedded mode: {@code java -jar sweep-worker.jar worker ...},
 * exactly as a worker runs in production, each with its own log file.
 */
public final class WorkerProcesses implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    /**
     * @param workerJar the worker jar (its lib/ folder beside it)
     * @param threads intra-op threads per worker (0: the engine's default)
     */
    /** @param metricsPorts one /metrics port per worker (empty: no fixed ports) */
    public static WorkerProcesses start(Path workerJar, String bootstrap, int count, int threads, Path logDir,
            List<String> jvmOptions, List<Integer> metricsPorts) {
        if (!Files.isRegularFile(workerJar)) {
            throw new IllegalArgumentException("worker jar " + workerJar + " not found; build with "
                    + "'mvn -B -DskipTests install' or pass -Dsweep.workerJar=PATH");
        }
        WorkerProcesses w = new WorkerProcesses();
        try {
            Files.createDirectories(logDir);
            for (int i = 1; i <= count; i++) {
                List<String> cmd = new ArrayList<>();
                cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                cmd.addAll(jvmOptions);
                cmd.addAll(List.of("-jar", workerJar.toString(), "worker", "--bootstrap", bootstrap, "--id", "w" + i));
                if (threads > 0) {
                    cmd.addAll(List.of("--threads", String.valueOf(threads)));
                }
                if (metricsPorts.size() >= i) {
                    cmd.addAll(List.of("--metrics-port", String.valueOf(metricsPorts.get(i - 1))));
                }
                Path log = logDir.resolve("worker-" + i + ".log");
                w.logs.add(log);
                w.processes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start());
            }
        } catch (IOException e) {
            w.close();
            throw new UncheckedIOException("cannot start a worker process: " + e.getMessage(), e);
        }
        return w;
    }

    public List<Process> processes() {
        return List.copyOf(processes);
    }

    public List<Path> logs() {
        return List.copyOf(logs);
    }

    /** Workers that exited; an exit while the sweep runs is worth a line to the user. */
    public long exited() {
        return processes.stream().filter(p -> !p.isAlive()).count();
    }

    /** SIGTERM (a worker then stops its trial uncommitted), then SIGKILL after a grace period. */
    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
