package dev.sweep.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.trial.TaskSpec;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.common.trial.TrialResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded model on real mail: one epoch on 1,000 SpamAssassin messages must reach 0.95
 * accuracy on 500 held-out ones. About three minutes on 2 cores, so it runs on request:
 * <pre>
 * ./sweep data spam-assassin
 * mvn -B -pl worker test -Dtest=SpamAssassinAccuracyTest -Dsweep.spamAssassinCsv=$PWD/.sweep/data/spam-assassin.csv
 * </pre>
 */
@EnabledIfSystemProperty(named = "sweep.spamAssassinCsv", matches = ".+")
class SpamAssassinAccuracyTest {
    @TempDir
    Path out;

    @Test
    void oneEpochOnAThousandMessagesReaches95PercentOnFiveHundredHeldOut() {
        Path demo = Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve("demo-trial.yaml");
        TrialConfig c = Codec.readYaml(demo, TrialConfig.class);
        TaskSpec t = c.task();
        TrialConfig config = new TrialConfig(new TaskSpec(t.type(), System.getProperty("sweep.spamAssassinCsv"), t.text(),
                t.targets(), t.validation(), t.maxLength(), t.clipPredictions(), t.limit()), c.model(), c.training(),
                c.tricks(), out.toString());
        assertEquals(1, config.training().epochs());
        assertEquals(128, config.task().maxLength());
        TrialResult r = new TrialRunner(demo.getParent(), ConsoleProgress.stderr(), List.of()).run(config);
        System.err.println("SpamAssassin: " + Codec.toJson(r.best()) + " in " + r.wallSeconds() + " s");
        assertTrue(r.best().get("accuracy") >= 0.95, "accuracy " + r.best().get("accuracy"));
    }
}
