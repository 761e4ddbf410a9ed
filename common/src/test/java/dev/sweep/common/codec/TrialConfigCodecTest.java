package dev.sweep.common.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sweep.common.trial.TaskType;
import dev.sweep.common.trial.TrialConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialConfigCodecTest {
    @TempDir
    Path dir;

    private static final String VALID = """
            task:
              type: regression
              train: train.csv
              text: [full_text]
              targets: [cohesion, syntax]
            training:
              lr: 3.0e-5
            """;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("trial.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private String error(String yaml) throws IOException {
        Path f = write(yaml);
        return assertThrows(ConfigException.class, () -> Codec.readYaml(f, TrialConfig.class)).getMessage();
    }

    @Test
    void aMinimalConfigGetsTheDocumentedDefaults() throws IOException {
        TrialConfig c = Codec.readYaml(write(VALID), TrialConfig.class);
        assertEquals(TaskType.REGRESSION, c.task().type());
        assertEquals(3e-5, c.training().lr());
        assertEquals(3e-5, c.training().headLr(), "head_lr defaults to lr");
        assertEquals("mse", c.training().lossFor(c.task().type()));
        assertEquals("embedded", c.model().source());
        assertEquals(256, c.task().maxLength());
    }

    @Test
    void aConfigSurvivesAJsonRoundTrip() throws IOException {
        TrialConfig c = Codec.readYaml(write(VALID), TrialConfig.class);
        assertEquals(c, Codec.fromJson(Codec.toJson(c), TrialConfig.class));
    }

    @Test
    void anOutOfRangeValueNamesTheFileLineFieldAndRule() throws IOException {
        String m = error(VALID.replace("lr: 3.0e-5", "lr: -1"));
        assertEquals(dir.resolve("trial.yaml") + ":8: training.lr must be > 0, but got -1.0", m);
    }

    @Test
    void anUnknownFieldIsNamedWithTheKnownOnes() throws IOException {
        String m = error(VALID.replace("lr: 3.0e-5", "learning_rate: 3.0e-5"));
        assertEquals(true, m.contains("trial.yaml:8: unknown field 'training.learning_rate'; known fields here:"), m);
        assertEquals(true, m.contains("head_lr"), m);
    }

    @Test
    void malformedYamlIsRefusedWithItsLine() throws IOException {
        String m = error("task:\n  type: [regression\n");
        assertEquals(true, m.startsWith(dir.resolve("trial.yaml") + ":"), m);
    }

    @Test
    void aLossThatDoesNotFitTheTaskIsRefused() throws IOException {
        String m = error(VALID + "  loss: ce\n");
        assertEquals(true, m.contains("training.loss 'ce' does not fit task.type regression"), m);
    }

    @Test
    void classificationNeedsExactlyOneLabelColumn() throws IOException {
        String m = error(VALID.replace("regression", "classification"));
        assertEquals(true, m.contains("task.targets must name exactly one label column for classification"), m);
    }

    @Test
    void aMissingConfigFileIsNamed() {
        assertEquals(dir.resolve("none.yaml") + ": no such file", assertThrows(ConfigException.class,
                () -> Codec.readYaml(dir.resolve("none.yaml"), TrialConfig.class)).getMessage());
    }
}
