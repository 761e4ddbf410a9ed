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
 * exactly as a worker runs in production, each with its own log file. A supervisor: a worker
 * that dies (killed, out of memory, a native crash) is started again under a new id
 * ({@code w1}, then {@code w1.2}), so its trial is delivered again and the sweep goes on.
 */
public final class WorkerProcesses implements AutoCloseable {
    /** Restarts of one slot before it is left dead: a worker that cannot start would loop forever. */
    static final int MAX_RESTARTS_PER_SLOT = 20;

    private final Path workerJar;
    private final String bootstrap;
    private final int threads;
    private final List<String> jvmOptions;
    private final List<Integer> metricsPorts;
    private final List<String> workerArgs;
    private final List<Slot> slots = new ArrayList<>();
    private volatile boolean closing;

    /** One worker position: its current process and how many it has had. */
    private static final class Slot {
        final int index;
        final Path log;
        Process process;
        int generation;

        Slot(int index, Path log) {
            this.index = index;
            this.log = log;
        }

        String workerId() {
            return "w" + index + (generation > 1 ? "." + generation : "");
        }
    }

    private WorkerProcesses(Path workerJar, String bootstrap, int threads, List<String> jvmOptions,
            List<Integer> metricsPorts, List<String> workerArgs) {
        this.workerArgs = List.copyOf(workerArgs);
        this.workerJar = workerJar;
        this.bootstrap = bootstrap;
        this.threads = threads;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.metricsPorts = List.copyOf(metricsPorts);
    }

    /**
     * @param workerJar the worker jar (its lib/ folder beside it)
     * @param threads intra-op threads per worker (0: the engine's default)
     * @param metricsPorts one /metrics port per worker (empty: each picks a free one)
     */
    public static WorkerProcesses start(Path workerJar, String bootstrap, int count, int threads, Path logDir,
            List<String> jvmOptions, List<Integer> metricsPorts) {
        return start(workerJar, bootstrap, count, threads, logDir, jvmOptions, metricsPorts, List.of());
    }

    /** @param workerArgs more arguments for every worker, such as {@code --kafka-config FILE} */
    public static WorkerProcesses start(Path workerJar, String bootstrap, int count, int threads, Path logDir,
            List<String> jvmOptions, List<Integer> metricsPorts, List<String> workerArgs) {
        if (!Files.isRegularFile(workerJar)) {
            throw new IllegalArgumentException("worker jar " + workerJar + " not found; build with "
                    + "'mvn -B -DskipTests install' or pass -Dsweep.workerJar=PATH");
        }
        WorkerProcesses w = new WorkerProcesses(workerJar, bootstrap, threads, jvmOptions, metricsPorts, workerArgs);
        try {
            Files.createDirectories(logDir);
            for (int i = 1; i <= count; i++) {
                Slot slot = new Slot(i, logDir.resolve("worker-" + i + ".log"));
                w.slots.add(slot);
                w.launch(slot);
            }
        } catch (IOException e) {
            w.close();
            throw new UncheckedIOException("cannot start a worker process: " + e.getMessage(), e);
        }
        return w;
    }

    private void launch(Slot slot) throws IOException {
        slot.generation++;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", workerJar.toString(), "worker", "--bootstrap", bootstrap, "--id", slot.workerId()));
        if (threads > 0) {
            cmd.addAll(List.of("--threads", String.valueOf(threads)));
        }
        if (metricsPorts.size() >= slot.index) {
            cmd.addAll(List.of("--metrics-port", String.valueOf(metricsPorts.get(slot.index - 1))));
        }
        cmd.addAll(workerArgs);
        slot.process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(slot.log.toFile())).start();
    }

    /**
     * Starts again every worker that has exited. Returns the ids of the workers that were found
     * dead, for the caller to report.
     */
    public synchronized List<String> restartExited() {
        List<String> dead = new ArrayList<>();
        if (closing) {
            return dead;
        }
        for (Slot slot : slots) {
            if (!slot.process.isAlive() && slot.generation <= MAX_RESTARTS_PER_SLOT) {
                dead.add(slot.workerId() + " (exit " + slot.process.exitValue() + ")");
                try {
                    launch(slot);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot restart worker " + slot.index + ": " + e.getMessage(), e);
                }
            }
        }
        return dead;
    }

    /** SIGKILL the worker in slot {@code index} (1-based), as a crash would; for chaos tests. */
    public synchronized void kill(int index) {
        slots.get(index - 1).process.destroyForcibly();
    }

    /** The id the worker in slot {@code index} (1-based) runs under now. */
    public synchronized String workerId(int index) {
        return slots.get(index - 1).workerId();
    }

    public int size() {
        return slots.size();
    }

    public List<Path> logs() {
        return slots.stream().map(s -> s.log).toList();
    }

    /** SIGTERM (a worker then stops its trial uncommitted), then SIGKILL after a grace period. */
    @Override
    public void close() {
        closing = true;
        List<Process> processes;
        synchronized (this) {
            processes = slots.stream().map(s -> s.process).filter(p -> p != null).toList();
        }
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
