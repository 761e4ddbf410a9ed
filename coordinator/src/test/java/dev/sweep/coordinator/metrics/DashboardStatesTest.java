package dev.sweep.coordinator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweep.coordinator.state.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboards' queries on {@code sweep_trials} agree with {@link TrialState}: every state they
 * filter on exists, a panel that counts finished trials counts every finished state (pruned
 * included), and pruned trials have a panel of their own.
 */
class DashboardStatesTest {
    private static final Path BOARDS = Path.of("").toAbsolutePath().getParent().resolve("dashboards/grafana/dashboards");
    private static final Pattern STATE = Pattern.compile("sweep_trials\\{[^}]*state=~?\"([^\"]+)\"");

    private static List<String[]> stateFilters() throws Exception {
        List<String[]> out = new ArrayList<>();
        try (var files = Files.list(BOARDS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode panel : new ObjectMapper().readTree(f.toFile()).get("panels")) {
                    for (JsonNode t : panel.get("targets")) {
                        Matcher m = STATE.matcher(t.get("expr").asText());
                        while (m.find()) {
                            out.add(new String[] {panel.get("title").asText(), m.group(1)});
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String label(TrialState s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    @Test
    void everyStateADashboardFiltersOnIsOneTheGaugePublishes() throws Exception {
        Set<String> known = new TreeSet<>(Arrays.stream(TrialState.values()).map(DashboardStatesTest::label).toList());
        List<String[]> filters = stateFilters();
        assertTrue(filters.size() >= 3, "the overview filters trials by state: " + filters.size());
        for (String[] f : filters) {
            for (String state : f[1].split("\\|")) {
                assertTrue(known.contains(state), f[0] + " filters on state '" + state + "', not one of " + known);
            }
        }
    }

    @Test
    void theProgressPanelCountsEveryFinishedStateAndPrunedHasItsOwnPanel() throws Exception {
        Set<String> finished = new TreeSet<>(Arrays.stream(TrialState.values()).filter(TrialState::finished)
                .map(DashboardStatesTest::label).toList());
        String[] progress = stateFilters().stream().filter(f -> f[0].startsWith("Progress")).findFirst().orElseThrow();
        assertEquals(finished, new TreeSet<>(List.of(progress[1].split("\\|"))), "finished = " + finished);
        assertTrue(stateFilters().stream().anyMatch(f -> f[1].equals("pruned") && f[0].startsWith("Pruned")));
    }
}
