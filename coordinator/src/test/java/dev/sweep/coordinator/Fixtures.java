package dev.sweep.coordinator;

import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.coordinator.kafka.EventLog;
import dev.sweep.coordinator.plan.SweepPlanner;
import dev.sweep.coordinator.state.SweepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What the tests that run real sweeps share: a small real dataset and the worker jar. */
public final class Fixtures {
    private Fixtures() {}

    /** Where the worker jar is when the coordinator module's tests run (the reactor built it first). */
    public static Path workerJar() {
        return Path.of("").toAbsolutePath().getParent().resolve("worker/target/sweep-worker.jar");
    }

    /**
     * Writes the small dataset and a sweep spec over it to {@code dir/spec.yaml}: the shared task
     * (warm or cold, 16 tokens, a quarter held out) and the embedded model, then {@code rest}
     * (training, seeds, tricks...). Returns the spec's path.
     */
    public static Path writeSpec(Path dir, String name, String rest) throws Exception {
        writeData(dir.resolve("d.csv"));
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, """
                name: %s
                task: {type: classification, train: d.csv, text: [text], targets: [label], max_length: 16,
                       validation: {fraction: 0.25}}
                model: {source: embedded, pooling: mean}
                %s
                """.formatted(name, rest.strip()));
        return spec;
    }

    /** Two classes a small encoder separates at once: warm words against cold ones, 48 rows. */
    public static void writeData(Path file) throws Exception {
        String[] warm = {"sunny", "happy", "bright", "lovely", "great", "wonderful"};
        String[] cold = {"rainy", "gloomy", "dark", "awful", "poor", "terrible"};
        Random rng = new Random(1);
        StringBuilder b = new StringBuilder("text,label\n");
        for (int i = 0; i < 48; i++) {
            boolean pos = i % 2 == 0;
            String[] words = pos ? warm : cold;
            b.append("a ").append(words[rng.nextInt(6)]).append(" and ").append(words[rng.nextInt(6)]).append(" day,")
                    .append(pos ? "warm" : "cold").append('\n');
        }
        Files.writeString(file, b.toString());
    }

    /** The repository's 48 tiny learner essays (two scores each), for tests of a regression task. */
    public static void writeEssays(Path file) throws Exception {
        Files.copy(Path.of("").toAbsolutePath().getParent().resolve("examples/data/essays-tiny.csv"), file);
    }

    /** The trials an uninterrupted run of a planned sweep ends with: the plan's, and each configuration's average. */
    public static Set<String> plannedWithAverages(SweepPlanner planner) {
        Set<String> ids = new TreeSet<>();
        planner.trials().forEach(t -> ids.add(t.trialId()));
        planner.trials().stream().collect(Collectors.groupingBy(t -> t.configName())).values()
                .forEach(members -> ids.add(SweepPlanner.average(members).trialId()));
        return ids;
    }

    /**
     * The event log read again from its start by a reader of its own: its fold, and how many
     * completed events each trial has (the log's own word that nothing was lost or doubled).
     */
    public record LogReplay(SweepState state, Map<String, Long> completed) {}

    public static LogReplay replayLog(KafkaSettings settings, String sweep) {
        SweepState replay = new SweepState(sweep);
        try (EventLog again = new EventLog(settings, w -> {})) {
            List<TrialEvent> events = again.catchUp().events();
            events.forEach(replay::apply);
            return new LogReplay(replay, events.stream().filter(e -> e instanceof TrialEvent.Completed)
                    .collect(Collectors.groupingBy(TrialEvent::trialId, TreeMap::new, Collectors.counting())));
        }
    }
}
