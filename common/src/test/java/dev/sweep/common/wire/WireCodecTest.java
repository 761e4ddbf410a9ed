package dev.sweep.common.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.codec.ConfigException;
import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TaskSpec;
import dev.sweep.common.trial.TaskType;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.common.trial.TrialResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private static TrialSpec trial() {
        TaskSpec task = new TaskSpec(TaskType.CLASSIFICATION, "/d.csv", List.of("text"), List.of("label"), null, null,
                null, null);
        TrialConfig config = new TrialConfig(task, null, null, Map.of("fgm", Map.of("epsilon", 0.5)), "/runs/t");
        return new TrialSpec(WireVersion.CURRENT, "s", "s-1", 1, TrialKind.TRAIN, "fgm", Map.of("fgm", "on"), 7L, 2,
                List.of(), 2, config, null);
    }

    @Test
    void everyMessageSurvivesTheWire() {
        TrialSpec t = trial();
        assertEquals(t, WireCodec.trial(WireCodec.encode(t)));
        TrialResult result = new TrialResult("accuracy", true, new TreeMap<>(Map.of("accuracy", 0.9)), 3,
                new TreeMap<>(Map.of("accuracy", 0.8)), List.of(EvalPoint.of(1, 3, 0.4, Map.of("accuracy", 0.9))), 3, 0,
                1.5, 20, 50, 1 << 20, 1 << 30, "/runs/t");
        List<TrialEvent> events = List.of(TrialEvent.Queued.of(t),
                TrialEvent.Queued.of(t, new ReportPlan("base[lr=2e-05]", Checkpoint.BEST, 4)),
                new TrialEvent.Started(1, "s", "s-1", 1, 5L, "w1", "cpu"),
                new TrialEvent.Progress(1, "s", "s-1", 1, 6L, "w1", 1, 2, 3, 0.5, 1e-5, 30, 40),
                new TrialEvent.Evaluated(1, "s", "s-1", 1, 7L, "w1", 2, EvalPoint.of(1, 3, 0.4, Map.of("accuracy", 0.9))),
                new TrialEvent.Completed(1, "s", "s-1", 1, 8L, "w1", result),
                new TrialEvent.Failed(1, "s", "s-1", 1, 9L, "w1", "NaN", true),
                new TrialEvent.Cancelled(1, "s", "s-1", 1, 10L, "w1"));
        for (TrialEvent e : events) {
            assertEquals(e, WireCodec.event(WireCodec.encode(e)), e.getClass().getSimpleName());
        }
        String json = new String(WireCodec.encode(events.get(2)), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"type\":\"started\"") && json.contains("\"schema_version\":1"), json);
        ControlMessage cancel = ControlMessage.cancel("s");
        assertEquals(cancel, WireCodec.control(WireCodec.encode(cancel)));
    }

    @Test
    void aMessageFromANewerVersionOrOfUnknownTypeIsRefusedNamingTheTopic() {
        String newer = "{\"type\":\"started\",\"schema_version\":2,\"sweep_id\":\"s\",\"trial_id\":\"t\",\"attempt\":1,"
                + "\"time\":1,\"worker\":\"w\",\"device\":\"cpu\"}";
        String m = assertThrows(ConfigException.class, () -> WireCodec.event(newer.getBytes(StandardCharsets.UTF_8)))
                .getMessage();
        assertTrue(m.startsWith("sweep.events") && m.contains("schema_version 2 is newer than this build's 1"), m);
        String unknown = "{\"type\":\"exploded\",\"schema_version\":1}";
        assertThrows(ConfigException.class, () -> WireCodec.event(unknown.getBytes(StandardCharsets.UTF_8)));
        assertInstanceOf(ConfigException.class,
                assertThrows(RuntimeException.class, () -> WireCodec.trial("not json".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aQueuedEventWrittenBeforeReportSettingsStillReads() {
        String old = "{\"type\":\"queued\",\"schema_version\":1,\"sweep_id\":\"s\",\"trial_id\":\"s-1\",\"attempt\":1,"
                + "\"time\":1,\"kind\":\"train\",\"config_name\":\"fgm\",\"settings\":{\"fgm\":\"on\"},\"seed\":7,"
                + "\"fold\":null,\"members\":[],\"max_attempts\":2,\"plan_id\":\"p\"}";
        TrialEvent.Queued q = (TrialEvent.Queued) WireCodec.event(old.getBytes(StandardCharsets.UTF_8));
        assertEquals("fgm", q.configName());
        assertNull(q.report());
        String json = new String(WireCodec.encode(TrialEvent.Queued.of(trial(), new ReportPlan(null, Checkpoint.LAST,
                null))), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"report\":{\"reference\":null,\"select\":\"last\",\"folds\":null}"), json);
    }

    @Test
    void anAverageNeedsAtLeastTwoMembers() {
        TrialSpec t = trial();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrialSpec(1, "s", "s-2", 1,
                TrialKind.AVERAGE, "fgm+fma", Map.of(), 1, null, List.of("s-1"), 2, t.config(), null));
        assertTrue(e.getMessage().contains("an average needs at least 2 members"));
    }
}
