package dev.sweep.coordinator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.metrics.MetricsServer;
import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.wire.TrialEvent;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.coordinator.state.SweepState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SweepMetricsTest {
    private static void finished(SweepState s, String id, String config, Map<String, String> settings, long seed,
            double accuracy) {
        s.apply(new TrialEvent.Queued(1, "s", id, 1, 0, TrialKind.TRAIN, config, settings, seed, null, List.of(), 2, null));
        s.apply(new TrialEvent.Started(1, "s", id, 1, 0, "w1", "cpu"));
        var m = new TreeMap<>(Map.of("accuracy", accuracy));
        s.apply(new TrialEvent.Completed(1, "s", id, 1, 0, "w1", new TrialResult("accuracy", true, m, 4, m,
                List.of(EvalPoint.of(1, 2, 0.5, Map.of("accuracy", accuracy - 0.1)), EvalPoint.of(2, 4, 0.3, m)), 4, 0,
                1, 1, 120, 1, 3L << 20, "/o")));
    }

    @Test
    void aRealScrapeShowsTrialsByStateEachTrialsMetricWithTrickLabelsAndTheBest() throws Exception {
        SweepState state = new SweepState("s");
        finished(state, "t1", "base", Map.of("fgm", "off", "training.lr", "5e-05"), 1, 0.8);
        finished(state, "t2", "fgm", Map.of("fgm", "on", "training.lr", "5e-05"), 1, 0.9);
        state.apply(new TrialEvent.Queued(1, "s", "t3", 1, 0, TrialKind.TRAIN, "fgm", Map.of("fgm", "on"), 2, null,
                List.of(), 2, null));
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0)) {
            SweepMetrics metrics = new SweepMetrics(server.registry(), "s");
            metrics.update(state);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            String body = r.body();
            assertTrue(body.contains("sweep_trials{state=\"completed\",sweep=\"s\"} 2.0"), body);
            assertTrue(body.contains("sweep_trials{state=\"queued\",sweep=\"s\"} 1.0"), body);
            assertTrue(body.contains("sweep_trial_metric{config=\"fgm\",fold=\"none\",kind=\"train\",metric=\"accuracy\","
                    + "seed=\"1\",sweep=\"s\",training_lr=\"5e-05\",trick_fgm=\"on\"} 0.9"), body);
            assertTrue(body.contains("sweep_epoch_metric{config=\"base\",epoch=\"1\",fold=\"none\",kind=\"train\","
                    + "metric=\"accuracy\",seed=\"1\",sweep=\"s\",training_lr=\"5e-05\",trick_fgm=\"off\"} 0.7"), body);
            assertTrue(body.contains("sweep_best_metric{metric=\"accuracy\",sweep=\"s\"} 0.9"), body);
            assertTrue(body.contains("sweep_trial_step_ms{config=\"base\""), body);
        }
    }

    @Test
    void eachConfigurationsImprovementIntervalAndVerdictAreScraped() throws Exception {
        SweepState state = new SweepState("s");
        double[] base = {0.80, 0.81, 0.79};
        double[] fgm = {0.85, 0.87, 0.84};
        for (int i = 0; i < 3; i++) {
            finished(state, "b" + i, "base", Map.of("fgm", "off"), i + 1, base[i]);
            finished(state, "f" + i, "fgm", Map.of("fgm", "on"), i + 1, fgm[i]);
        }
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0)) {
            new SweepMetrics(server.registry(), "s").update(state);
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String labels = "{config=\"fgm\",metric=\"accuracy\",reference=\"base\",sweep=\"s\"";
            // scipy 1.17: d = f - b; d.mean() = 0.05333333333333327, ttest_rel(f, b).pvalue = 0.0038835,
            // t.interval(0.95, 2, loc=d.mean(), scale=sem(d)) = (0.03899115756750172, 0.06767550909916482)
            assertEquals(0.05333333333333327, gauge(body, "sweep_config_improvement" + labels + "}"), 1e-12);
            assertEquals(0.03899115756750172, gauge(body, "sweep_config_improvement_low" + labels + "}"), 1e-9);
            assertEquals(0.06767550909916482, gauge(body, "sweep_config_improvement_high" + labels + "}"), 1e-9);
            assertEquals(3, gauge(body, "sweep_config_pairs" + labels + "}"));
            assertEquals(1, gauge(body, "sweep_config_verdict" + labels + ",verdict=\"better\"}"));
            assertEquals(0, gauge(body, "sweep_config_verdict" + labels + ",verdict=\"not_distinguishable\"}"));
            assertTrue(!body.contains("sweep_config_improvement{config=\"base\""), "the reference has no comparison");
        }
    }

    private static double gauge(String body, String series) {
        for (String line : body.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError(series + " not in\n" + body);
    }

    @Test
    void settingsBecomePrometheusLabelNames() {
        assertEquals("trick_fgm", SweepMetrics.labelName("fgm"));
        assertEquals("training_lr", SweepMetrics.labelName("training.lr"));
        assertEquals("trick_fgm_epsilon", SweepMetrics.labelName("tricks.fgm.epsilon"));
        assertEquals("trick_multi_sample_dropout", SweepMetrics.labelName("multi_sample_dropout"));
    }

    @Test
    void theTargetsFileListsTheCoordinatorAndEveryWorker(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = PrometheusTargets.write(dir.resolve("p/targets.json"), "127.0.0.1", 9400, List.of(9401, 9402));
        String json = java.nio.file.Files.readString(f);
        assertTrue(json.contains("\"127.0.0.1:9400\"") && json.contains("\"127.0.0.1:9401\",\"127.0.0.1:9402\"")
                && json.contains("sweep-worker"), json);
    }

    @Test
    void aPrunedTrialIsCountedUnderItsOwnState() throws Exception {
        SweepState state = new SweepState("s");
        finished(state, "t1", "base", Map.of("fgm", "off"), 1, 0.8);
        state.apply(new TrialEvent.Queued(1, "s", "t2", 1, 0, TrialKind.TRAIN, "fgm", Map.of("fgm", "on"), 1, null,
                List.of(), 2, null));
        state.apply(new TrialEvent.Started(1, "s", "t2", 1, 0, "w1", "cpu"));
        state.apply(new TrialEvent.Pruned(1, "s", "t2", 1, 0, "w1", "below the median at evaluation 1"));
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0)) {
            SweepMetrics metrics = new SweepMetrics(server.registry(), "s");
            String before = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(before.contains("sweep_trials{state=\"pruned\",sweep=\"s\"} 0.0"), "published from the start, "
                    + "so a dashboard's query has data before the first prune: " + before);
            metrics.update(state);
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(body.contains("sweep_trials{state=\"pruned\",sweep=\"s\"} 1.0"), body);
            assertTrue(body.contains("sweep_trials{state=\"completed\",sweep=\"s\"} 1.0"), body);
        }
    }
}
