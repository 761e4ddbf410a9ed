package dev.sweep.common.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.codec.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSpecTest {
    @TempDir
    Path dir;

    private static final String TASK = """
            task: {type: classification, train: d.csv, text: [text], targets: [label]}
            """;

    private SweepSpec read(String yaml) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return Codec.readYaml(f, SweepSpec.class);
    }

    private String error(String yaml) {
        return assertThrows(ConfigException.class, () -> read(yaml)).getMessage();
    }

    @Test
    void anAblationSpecReadsWithItsDefaults() throws Exception {
        SweepSpec s = read("name: demo\n" + TASK + """
                seeds: [1, 2]
                tricks: {fgm: {epsilon: 0.5}, ema: {}}
                combinations: [[ema, fgm]]
                """);
        assertEquals(Strategy.ABLATION, s.strategy());
        assertEquals(List.of("fgm", "ema"), s.trickOrder());
        assertTrue(s.fma(), "two seeds: averaging is on unless switched off");
        assertEquals(2, s.maxAttempts());
        assertEquals("runs/demo", s.output());
        assertEquals(0.5, s.tricks().get("fgm").get("epsilon"));
    }

    /** The coordinator checks trick values against the tricks' declaration itself: no worker JVM, one line. */
    @Test
    void aTrickValueOrAnAxisOutsideItsDeclaredRangeIsRefusedWhereItIsWritten() {
        String value = error("name: v\n" + TASK + "tricks: {ema: {decay: 1.5}}\n");
        assertTrue(value.endsWith(": tricks.ema.decay must lie in [0.0, 0.999999], but got 1.5") && value.contains("s.yaml:"), value);
        String range = error("name: v\n" + TASK + "strategy: random\nsamples: 4\ntricks: {llrd: {}}\n"
                + "space: {tricks.llrd.decay: {min: 0.5, max: 2.0}}\n");
        assertTrue(range.contains("space.tricks.llrd.decay = 2.0: tricks.llrd.decay must lie in [1.0E-6, 1.0], but got 2.0"),
                range);
        String choice = error("name: v\n" + TASK + "strategy: grid\ntricks: {pgd: {}}\nspace: {tricks.pgd.steps: [2, 2.5]}\n");
        assertTrue(choice.contains("tricks.pgd.steps must be an integer, but got 2.5"), choice);
        String unknown = error("name: v\n" + TASK + "strategy: grid\ntricks: {pgd: {}}\nspace: {tricks.pgd.stpes: [2]}\n");
        assertTrue(unknown.contains("space.tricks.pgd.stpes: tricks.pgd: unknown parameter 'stpes'; pgd takes [alpha, "
                + "epsilon, steps, target]"), unknown);
    }

    @Test
    void resamplingTheSplitPerSeedRefusesWhatItWouldMakeUnfair() {
        String resampled = "task: {type: classification, train: d.csv, text: [text], targets: [label], "
                + "validation: {fraction: 0.3, resample: true}}\n";
        String fma = error("name: r\n" + resampled + "seeds: [1, 2]\ntricks: {fgm: {}}\nfma: true\n");
        assertTrue(fma.contains("fma: averaging the seeds' models needs one held-out split"), fma);
        String file = error("name: r\ntask: {type: classification, train: d.csv, text: [text], targets: [label], "
                + "validation: {file: v.csv, resample: true}}\ntricks: {fgm: {}}\n");
        assertTrue(file.contains("task.validation.resample draws the held-out rows anew per seed, but a validation "
                + "file is fixed"), file);
        String folds = error("name: r\n" + resampled + "seeds: [1, 2]\nfolds: 3\ntricks: {fgm: {}}\nfma: false\n");
        assertTrue(folds.contains("task.validation.resample with folds would give each seed its own partition"), folds);
    }

    @Test
    void wrongSpecsAreRefusedNamingTheFieldAndTheRule() {
        assertTrue(error("name: Bad Name\n" + TASK + "tricks: {fgm: {}}\n").contains("name must match"));
        assertTrue(error("name: a\n" + TASK + "tricks: {fgn: {}}\n").contains("tricks.fgn: unknown trick 'fgn'"));
        assertTrue(error("name: a\n" + TASK + "tricks: {fgm: {eps: 1}}\n")
                .contains("tricks.fgm: unknown parameter 'eps'; fgm takes [epsilon, target]"));
        assertTrue(error("name: a\n" + TASK + "tricks: {fgm: {}}\ncombinations: [[fgm, ema]]\n")
                .contains("combinations[0]: trick 'ema' is not under tricks:"));
        assertTrue(error("name: a\n" + TASK + "tricks: {fgm: {}}\nspace: {training.lr: [1e-5]}\n")
                .contains("space: strategy ablation"));
        assertTrue(error("name: a\n" + TASK + "strategy: grid\n").contains("strategy grid needs at least one axis"));
        assertTrue(error("name: a\n" + TASK + "strategy: random\nspace: {training.lr: [1e-5]}\n")
                .contains("samples must be >= 1"));
        assertTrue(error("name: a\n" + TASK + "seeds: [1]\nfma: true\ntricks: {fgm: {}}\n")
                .contains("fma: averaging needs at least 2 seeds"));
        assertTrue(error("name: a\n" + TASK + "seeds: [1, 1]\ntricks: {fgm: {}}\n").contains("seeds must not repeat"));
        assertTrue(error("name: a\n" + TASK + "tricks: {fma: {}}\n").contains("write 'fma: true' at the top level"));
    }

    @Test
    void spaceAxesAreCheckedAgainstTheTrialConfigRules() {
        assertTrue(error("name: a\n" + TASK + "strategy: grid\nspace: {training.lrr: [1e-5]}\n")
                .contains("space.training.lrr = 1.0E-5: no such field 'lrr'"));
        String negative = error("name: a\n" + TASK + "strategy: grid\nspace: {training.lr: [1e-5, -1]}\n");
        assertTrue(negative.contains("space.training.lr = -1") && negative.contains("training.lr must be > 0"), negative);
        assertTrue(error("name: a\n" + TASK + "strategy: grid\nspace: {training.lr: {min: 1e-5, max: 1e-4}}\n")
                .contains("a {min, max} range needs strategy random"));
        assertTrue(error("name: a\n" + TASK + "strategy: grid\nspace: {tricks.fgm.epsilon: [1]}\n")
                .contains("trick 'fgm' is not under tricks:"));
        assertTrue(error("name: a\n" + TASK + "strategy: random\nsamples: 2\nspace: {training.lr: {min: 0, max: 1, log: true}}\n")
                .contains("a log range needs min > 0"));
    }

    @Test
    void variantsAreRefusedWhereTheyBreakARuleNamingTheVariantAndThePath() {
        String head = "name: a\n" + TASK + "tricks: {fgm: {epsilon: 1.0}}\n";
        String pooling = error(head + "variants: {gem: {model.pooling: gemm}}\n");
        assertTrue(pooling.endsWith("s.yaml:5: variants.gem.model.pooling = gemm: model.pooling must be one of [attention, "
                + "cls, gem, max, mean, min, weighted_layer], but got 'gemm'"), pooling);
        assertTrue(error(head + "variants: {small: {tricks.fgm.epsilon: -1}}\n")
                .contains(": variants.small.tricks.fgm.epsilon = -1: "));
        assertTrue(error(head + "variants: {x: {tricks.emma.decay: 0.9}}\n")
                .contains("variants.x.tricks.emma.decay: trick 'emma' is not under tricks:"));
        assertTrue(error(head + "variants: {x: {tricks.ema.decay: 2}}\n")
                .contains("variants.x.tricks.ema.decay = 2: tricks.ema.decay must lie in"));
        assertTrue(error(head + "variants: {fgm: {tricks.fgm.epsilon: 0.1}}\n")
                .contains("variants.fgm: the name is a trick's under tricks:"));
        assertTrue(error(head + "variants: {base: {model.pooling: gem}}\n").contains("variants.base: 'base' is the reference"));
        assertTrue(error(head + "variants: {a+b: {model.pooling: gem}}\n").contains("a variant's name must match"));
        assertTrue(error(head + "variants: {e: {}}\n").contains("variants.e must set at least one path"));
        assertTrue(error("name: a\n" + TASK).contains("needs at least one trick under tricks: or one variant"));
        assertTrue(error(head + "variants: {e: {model.pooling: [gem, mean]}}\n")
                .contains("variants.e.model.pooling: a variant sets one value"));
        assertTrue(error("name: a\n" + TASK + "strategy: grid\nspace: {training.lr: [1e-5]}\n"
                + "variants: {gem: {model.pooling: gem}}\n").contains("variants: only strategy ablation"));
    }

    @Test
    void aRandomRangeDrawsInsideItsBoundsOnALogScale() throws Exception {
        SweepSpec s = read("name: a\n" + TASK + "strategy: random\nsamples: 3\n"
                + "space: {training.lr: {min: 1.0e-6, max: 1.0e-2, log: true}}\n");
        SpaceAxis axis = s.axes().get(0);
        java.util.Random rng = new java.util.Random(5);
        int below = 0;
        for (int i = 0; i < 2000; i++) {
            double v = (Double) axis.sample(rng);
            assertTrue(v >= 1e-6 && v <= 1e-2, "drawn " + v);
            below += v < 1e-4 ? 1 : 0;
        }
        // log-uniform: half the draws fall below the geometric middle 1e-4 (uniform would give ~1%)
        assertTrue(below > 900 && below < 1100, "draws below 1e-4: " + below);
    }

    @Test
    void theReportBlockNamesTheReferenceAndWhichEvaluationCounts() throws Exception {
        SweepSpec defaults = read("name: a\n" + TASK + "tricks: {fgm: {}}\n");
        assertEquals(null, defaults.report().reference(), "the planner resolves the default (base where planned)");
        assertEquals(Checkpoint.LAST, defaults.report().select(), "the last evaluation, not the best, by default");
        SweepSpec named = read("name: a\n" + TASK + "tricks: {fgm: {}}\nreport: {reference: fgm, select: best}\n");
        assertEquals("fgm", named.report().reference());
        assertEquals(Checkpoint.BEST, named.report().select());
        assertTrue(error("name: a\n" + TASK + "tricks: {fgm: {}}\nreport: {reference: ' '}\n")
                .contains("report.reference must name a configuration"));
        assertTrue(error("name: a\n" + TASK + "tricks: {fgm: {}}\nreport: {select: first}\n")
                .contains("field 'report.select' must be one of [last, best]"));
        assertTrue(error("name: a\n" + TASK + "tricks: {fgm: {}}\nreport: {refrence: fgm}\n")
                .contains("unknown field 'report.refrence'"));
    }
}
