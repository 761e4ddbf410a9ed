package dev.sweep.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.cli.Options;
import dev.sweep.coordinator.state.TrialState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The command line alone: each subcommand takes its own flags and no other, refused in one line; no Kafka. */
class CommandLineTest {
    private record Result(int code, String out, String err) {}

    private static Result execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CoordinatorMain.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void reportRefusesAnOptionOfRunNamingItselfAndItsOwnOptions() {
        Result r = execute("report", "SWEEP", "--workers", "3");
        assertEquals(1, r.code());
        assertEquals("error: report does not take --workers; its options: --format, --out, --bootstrap, --data-dir, "
                + "--kafka-config\n", r.err().replace(System.lineSeparator(), "\n"));
        assertEquals("", r.out());
    }

    @Test
    void runRefusesAnOptionOfReportBeforeReadingTheSpec() {
        Result r = execute("run", "no-such-spec.yaml", "--format", "md");
        assertEquals(1, r.code());
        assertEquals("error: run does not take --format; its options: --workers, --threads, --bootstrap, --data-dir, "
                + "--kafka-config, --metrics-port, --metrics-host, --hold, --preflight, --replication, --min-insync",
                r.err().strip());
    }

    @Test
    void everySubcommandRefusesWhatOnlyAnotherTakes() {
        assertOneLineRefusal(execute("submit", "spec.yaml", "--workers", "2"), "submit does not take --workers");
        assertOneLineRefusal(execute("status", "SWEEP", "--format", "md"), "status does not take --format");
        assertOneLineRefusal(execute("cancel", "SWEEP", "--out", "dir"), "cancel does not take --out");
        assertOneLineRefusal(execute("report", "SWEEP", "--hold", "10"), "report does not take --hold");
        assertOneLineRefusal(execute("status", "SWEEP", "--verbose", "yes"), "status does not take --verbose");
    }

    private static void assertOneLineRefusal(Result r, String start) {
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("error: " + start + "; its options: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @ParameterizedTest
    @EnumSource(Command.class)
    void eachSubcommandTakesEveryOneOfItsOwnFlags(Command command) {
        List<String> args = new ArrayList<>(List.of("OPERAND"));
        for (String flag : command.flags()) {
            args.addAll(List.of(flag, "v" + flag));
        }
        Options o = command.parse(args);
        assertEquals(List.of("OPERAND"), o.positional());
        for (String flag : command.flags()) {
            assertEquals("v" + flag, o.value(flag), flag);
        }
    }

    @ParameterizedTest
    @EnumSource(Command.class)
    void theUsageTextShowsEachSubcommandsFlags(Command command) {
        for (String flag : command.flags()) {
            assertTrue(command.usage().contains("--" + flag.substring(2) + " "), flag + " in " + command.usage());
        }
        assertTrue(Command.usageText().contains(command.usage().lines().findFirst().orElseThrow()), Command.usageText());
    }

    @Test
    void aFlagWithoutItsValueIsRefused() {
        assertEquals("--format needs a value", assertThrows(IllegalArgumentException.class,
                () -> Command.REPORT.parse(List.of("SWEEP", "--format"))).getMessage());
        // not "--out" taken as the format
        assertEquals("--format needs a value", assertThrows(IllegalArgumentException.class,
                () -> Command.REPORT.parse(List.of("SWEEP", "--format", "--out", "dir"))).getMessage());
        Result r = execute("run", "spec.yaml", "--workers");
        assertEquals(1, r.code());
        assertEquals("error: --workers needs a value", r.err().strip());
    }

    @Test
    void noOrAnUnknownSubcommandPrintsTheUsage() {
        for (Result r : List.of(execute(), execute("train", "x.yaml"))) {
            assertEquals(2, r.code());
            assertTrue(r.err().startsWith("usage: sweep run SPEC.yaml"), r.err());
            for (Command c : Command.values()) {
                assertTrue(r.err().contains("sweep " + c.word() + " "), r.err());
            }
        }
    }

    @Test
    void aRunWhoseTrialsCompletedOrWerePrunedSucceeds() {
        assertEquals(0, CoordinatorMain.exitCode(List.of(TrialState.COMPLETED, TrialState.PRUNED, TrialState.COMPLETED)));
        assertEquals(0, CoordinatorMain.exitCode(List.of(TrialState.PRUNED)));
        assertEquals(3, CoordinatorMain.exitCode(List.of(TrialState.COMPLETED, TrialState.DEAD)));
        assertEquals(3, CoordinatorMain.exitCode(List.of(TrialState.PRUNED, TrialState.CANCELLED)));
    }
}
