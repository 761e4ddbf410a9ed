package dev.sweep.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.coordinator.Fixtures;
import dev.sweep.common.wire.KafkaSettings;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.coordinator.kafka.EmbeddedBroker;
import dev.sweep.coordinator.kafka.EventLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system in its embedded mode: a real KRaft broker, two real worker processes (the
 * worker jar, as in production) fine-tuning the embedded model, the coordinator driving the
 * sweep to its ablation table. Then the same spec again: nothing is published twice.
 */
class SweepEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void anAblationSweepRunsToItsTableAndPlanningItAgainPublishesNothing() throws Exception {
        Fixtures.writeSpec(dir, "e2e", """
                training: {epochs: 1, batch_size: 8, eval_batch_size: 16, lr: 1.0e-4, max_steps: 2, log_every_steps: 1}
                seeds: [1, 2]
                tricks: {ema: {decay: 0.5}}
                report: {select: best}
                output: runs
                """);
        Path data = dir.resolve(".sweep");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CoordinatorMain.run(Command.RUN.parse(List.of(dir.resolve("spec.yaml").toString(), "--workers", "2",
                "--threads", "1", "--data-dir", data.toString())), print(out), print(err));
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, "stderr:\n" + err.toString(StandardCharsets.UTF_8) + "\nworker log:\n"
                + Files.readString(data.resolve("logs/worker-1.log")));
        for (String row : List.of("base ", "base+fma", "ema ", "ema+fma")) {
            assertTrue(table.contains("\n" + row), "row " + row + " in\n" + table);
        }
        assertTrue(Files.exists(dir.resolve("runs/ablation.json")));
        // two workers shared the trials, and every training trial saved its best checkpoint
        String w1 = Files.readString(data.resolve("logs/worker-1.log"));
        String w2 = Files.readString(data.resolve("logs/worker-2.log"));
        assertTrue(w1.contains("completed") && w2.contains("completed"), "worker 1:\n" + w1 + "\nworker 2:\n" + w2);

        int again = CoordinatorMain.run(Command.RUN.parse(List.of(dir.resolve("spec.yaml").toString(), "--workers", "0",
                "--data-dir", data.toString())), print(new ByteArrayOutputStream()),
                print(new ByteArrayOutputStream()));
        assertEquals(0, again);

        // the report, from the event log alone, in every format
        Path reports = dir.resolve("reports");
        assertEquals(0, CoordinatorMain.report(Command.REPORT.parse(List.of("e2e", "--data-dir", data.toString(), "--out",
                reports.toString())), print(new ByteArrayOutputStream())));
        String md = Files.readString(reports.resolve("ablation.md"));
        assertTrue(md.contains("| | base | base+fma | ema | ema+fma |"), md);
        assertTrue(Files.readString(reports.resolve("ablation.html")).contains("data:image/png;base64,"));
        assertTrue(Files.readString(reports.resolve("ablation.csv")).startsWith("config,fma,metric,select,n,nan,mean,std,"
                + "pairs,improvement,p,p_holm"));
        // the report settings came with the log's queued events (a log without them would mean select: last)
        assertTrue(md.contains("the difference from `base` over the matched pairs only") && md.contains("report.select: best"),
                md);

        // the same name with another spec: refused before it mixes two plans in one table
        Files.writeString(dir.resolve("spec.yaml"), Files.readString(dir.resolve("spec.yaml")).replace("decay: 0.5", "decay: 0.6"));
        String refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CoordinatorMain.run(Command.RUN.parse(List.of(dir.resolve("spec.yaml").toString(), "--workers", "0",
                        "--data-dir", data.toString())), print(new ByteArrayOutputStream()),
                        print(new ByteArrayOutputStream()))).getMessage();
        assertTrue(refused.contains("sweep 'e2e' is already in the event log with another plan"), refused);
        try {
            checkTheLog(data);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nworker 1:\n" + Files.readString(data.resolve("logs/worker-1.log"))
                    + "\nworker 2:\n" + Files.readString(data.resolve("logs/worker-2.log")), e);
        }
    }

    /** Every trial in the event log once: queued once, completed once. */
    private static void checkTheLog(Path data) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(data.resolve("kafka"));
                EventLog log = new EventLog(KafkaSettings.of(broker.bootstrap(), null), w -> {})) {
            List<TrialEvent> events = log.catchUp().events();
            Map<String, Long> queued = count(events, TrialEvent.Queued.class);
            Map<String, Long> completed = count(events, TrialEvent.Completed.class);
            assertEquals(6, queued.size(), "4 training trials and 2 averages: " + queued);
            assertTrue(queued.values().stream().allMatch(n -> n == 1), "each published once: " + queued);
            assertEquals(queued.keySet(), completed.keySet());
            assertTrue(completed.values().stream().allMatch(n -> n == 1), "each completed once: " + completed);
            long progress = events.stream().filter(e -> e instanceof TrialEvent.Progress).count();
            assertTrue(progress >= 8, "progress streamed every step of the 4 training trials: " + progress);
        }
    }

    private static Map<String, Long> count(List<TrialEvent> events, Class<?> type) {
        return events.stream().filter(type::isInstance)
                .collect(Collectors.groupingBy(TrialEvent::trialId, Collectors.counting()));
    }

    private static PrintStream print(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }
}
