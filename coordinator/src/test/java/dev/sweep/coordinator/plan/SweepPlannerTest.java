package dev.sweep.coordinator.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.sweep.Checkpoint;
import dev.sweep.common.sweep.SweepSpec;
import dev.sweep.common.wire.ReportPlan;
import dev.sweep.common.wire.TrialKind;
import dev.sweep.common.wire.TrialSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPlannerTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            name: s
            task: {type: classification, train: data/d.csv, text: [text], targets: [label]}
            """;

    private SweepPlanner planner(String yaml) throws Exception {
        Path f = dir.resolve("spec.yaml");
        Files.writeString(f, HEAD + yaml);
        return new SweepPlanner(Codec.readYaml(f, SweepSpec.class), dir);
    }

    private static List<String> names(SweepPlanner p) {
        return p.configurations().stream().map(Configuration::name).toList();
    }

    @Test
    void ablationIsTheBaselineEachTrickAloneAndEachCombinationTimesSeeds() throws Exception {
        SweepPlanner p = planner("""
                seeds: [1, 2, 3]
                tricks: {fgm: {epsilon: 1.0}, rdrop: {alpha: 4}, llrd: {decay: 0.9}}
                combinations: [[llrd, fgm]]
                """);
        assertEquals(List.of("base", "fgm", "rdrop", "llrd", "fgm+llrd"), names(p));
        List<TrialSpec> trials = p.trials();
        assertEquals(15, trials.size());
        TrialSpec combo = trials.stream().filter(t -> t.configName().equals("fgm+llrd") && t.seed() == 3).findFirst()
                .orElseThrow();
        assertEquals(Set.of("fgm", "llrd"), combo.config().tricks().keySet());
        assertEquals(Map.of("epsilon", 1.0), combo.config().tricks().get("fgm"));
        assertEquals(3L, combo.config().training().seed());
        assertEquals(Map.of("fgm", "on", "rdrop", "off", "llrd", "on"), combo.settings());
        assertEquals(dir.resolve("data/d.csv").toString(), combo.config().task().train(), "paths resolve against the spec");
        assertEquals(dir.resolve("runs/s").resolve(combo.trialId()).toString(), combo.config().output());
        assertEquals(15, new HashSet<>(trials.stream().map(TrialSpec::trialId).toList()).size(), "ids are unique");
    }

    @Test
    void variantsAreOneChangeArmsAfterTheTricksWithTheirOwnNamesAndPaths() throws Exception {
        SweepPlanner p = planner("""
                seeds: [1, 2]
                model: {pooling: mean}
                tricks: {fgm: {epsilon: 1.0, target: word_embeddings}, ema: {decay: 0.97}}
                variants:
                  gem: {model.pooling: gem}
                  fgm-small: {tricks.fgm.epsilon: 0.1}
                  long: {task.max_length: 256, task.train: other/e.csv}
                  rdrop-dropout: {tricks.rdrop.alpha: 2.0, model.hidden_dropout: 0.1}
                  swa: {tricks.swa: true}
                """);
        assertEquals(List.of("base", "fgm", "ema", "gem", "fgm-small", "long", "rdrop-dropout", "swa"), names(p));
        assertEquals(16, p.trials().size());
        Map<String, TrialSpec> first = new java.util.HashMap<>();
        p.trials().stream().filter(t -> t.seed() == 2).forEach(t -> first.put(t.configName(), t));
        assertEquals("gem", first.get("gem").config().model().pooling());
        assertEquals(Map.of(), first.get("gem").config().tricks());
        assertEquals(Map.of("model.pooling", "gem", "fgm", "off", "ema", "off"), first.get("gem").settings());
        // a trick's parameter switches it on with the spec's other parameters
        assertEquals(Map.of("fgm", Map.of("epsilon", 0.1, "target", "word_embeddings")),
                first.get("fgm-small").config().tricks());
        assertEquals(256, first.get("long").config().task().maxLength());
        // a trick not under tricks: is switched on by a variant alone, with the parameters it names
        // and the declared defaults for the rest
        assertEquals(Map.of("rdrop", Map.of("alpha", 2.0)), first.get("rdrop-dropout").config().tricks());
        assertEquals(0.1, first.get("rdrop-dropout").config().model().hiddenDropout());
        assertEquals(Map.of("swa", Map.of()), first.get("swa").config().tricks());
        assertEquals(dir.resolve("other/e.csv").toString(), first.get("long").config().task().train(),
                "a variant's paths resolve against the spec like the recipe's");
        // the arms the spec had before keep their trial ids when variants are added
        SweepPlanner without = planner("""
                seeds: [1, 2]
                model: {pooling: mean}
                tricks: {fgm: {epsilon: 1.0, target: word_embeddings}, ema: {decay: 0.97}}
                """);
        Set<String> before = new HashSet<>(without.trials().stream().map(TrialSpec::trialId).toList());
        assertTrue(p.trials().stream().map(TrialSpec::trialId).collect(java.util.stream.Collectors.toSet())
                .containsAll(before));
    }

    /** The shipped FB3 ablation specs read and plan as their docs say (no data needed to plan). */
    @Test
    void theShippedFb3AblationSpecsPlanTheArmsTheirDocsName() throws Exception {
        Path examples = Path.of("").toAbsolutePath().getParent().resolve("examples");
        SweepPlanner tricks = new SweepPlanner(Codec.readYaml(examples.resolve("fb3-ablation-cpu.yaml"), SweepSpec.class),
                examples);
        assertEquals(List.of("base", "fgm", "awp", "llrd", "ema", "swa", "multi_sample_dropout", "reinit_layers"),
                names(tricks));
        SweepPlanner heads = new SweepPlanner(Codec.readYaml(examples.resolve("fb3-ablation-heads-cpu.yaml"),
                SweepSpec.class), examples);
        assertEquals(List.of("base", "fgm-small", "rdrop-dropout", "attention", "weighted_layer", "gem"), names(heads));
        assertEquals(18, heads.trials().size(), "3 seeds first for each of the 6");
        TrialSpec base = tricks.trials().get(0);
        TrialSpec headsBase = heads.trials().get(0);
        assertEquals(base.config().withOutput("x"), headsBase.config().withOutput("x"),
                "both parts train the same reference recipe");
    }

    @Test
    void trialIdsDependOnWhatATrialIsNotOnHowTheSpecWasWritten() throws Exception {
        List<String> first = planner("tricks: {fgm: {epsilon: 1.0, target: word_embeddings}}\n").trials().stream()
                .map(TrialSpec::trialId).toList();
        List<String> reordered = planner("tricks: {fgm: {target: word_embeddings, epsilon: 1.0}}\n").trials().stream()
                .map(TrialSpec::trialId).toList();
        assertEquals(first, reordered);
        List<String> changed = planner("tricks: {fgm: {epsilon: 0.5, target: word_embeddings}}\n").trials().stream()
                .map(TrialSpec::trialId).toList();
        assertEquals(first.get(0), changed.get(0), "the baseline did not change");
        assertNotEquals(first.get(1), changed.get(1), "fgm with another epsilon is another trial");
    }

    @Test
    void gridIsTheFullFactorialWithReadableNames() throws Exception {
        SweepPlanner p = planner("""
                strategy: grid
                tricks: {fgm: {epsilon: 1.0}}
                space:
                  tricks.fgm: [false, true]
                  training.lr: [2.0e-5, 5.0e-5, 1.0e-4]
                """);
        assertEquals(List.of("base[lr=2e-05]", "base[lr=5e-05]", "base[lr=0.0001]", "fgm[lr=2e-05]", "fgm[lr=5e-05]",
                "fgm[lr=0.0001]"), names(p));
        Configuration c = p.configurations().get(4);
        assertEquals(5.0e-5, c.config().training().lr());
        assertTrue(c.config().tricks().containsKey("fgm"));
        assertEquals("5e-05", c.settings().get("training.lr"));
    }

    @Test
    void randomSearchIsReproducibleFromItsSeed() throws Exception {
        String space = """
                strategy: random
                samples: 6
                space: {training.lr: {min: 1.0e-6, max: 1.0e-3, log: true}, model.pooling: [mean, cls, attention]}
                """;
        List<String> a = names(planner(space + "sampler_seed: 3\n"));
        assertEquals(a, names(planner(space + "sampler_seed: 3\n")));
        assertNotEquals(a, names(planner(space + "sampler_seed: 4\n")));
        assertEquals(6, a.size());
    }

    @Test
    void foldsMultiplyEveryConfigurationAndSetTheFold() throws Exception {
        SweepPlanner p = planner("seeds: [1, 2]\nfolds: 3\ntricks: {ema: {}}\n");
        List<TrialSpec> trials = p.trials();
        assertEquals(2 * 3 * 2, trials.size());
        for (TrialSpec t : trials) {
            assertEquals(3, t.config().task().validation().folds());
            assertEquals(t.fold(), t.config().task().validation().fold());
        }
    }

    @Test
    void resamplingDrawsEachSeedsSplitWithThatSeedAndKeepsSeedsPaired() throws Exception {
        Path f = dir.resolve("resample.yaml");
        Files.writeString(f, """
                name: s
                task: {type: classification, train: data/d.csv, text: [text], targets: [label],
                       validation: {fraction: 0.25, seed: 42, resample: true}}
                seeds: [1, 2, 3]
                tricks: {ema: {}}
                """);
        SweepSpec spec = Codec.readYaml(f, SweepSpec.class);
        assertTrue(!spec.fma(), "FMA is off by default where the seeds' splits differ");
        for (TrialSpec t : new SweepPlanner(spec, dir).trials()) {
            assertEquals(t.seed(), t.config().task().validation().seed(), t.configName() + " seed " + t.seed());
        }
        // without it every trial is scored on one split, and the JSON (so every trial id) is as before
        for (TrialSpec t : planner("seeds: [1, 2]\ntricks: {ema: {}}\n").trials()) {
            assertEquals(42L, t.config().task().validation().seed());
            assertTrue(!Codec.toCanonicalJson(t.config()).contains("resample"), Codec.toCanonicalJson(t.config()));
        }
    }

    @Test
    void theReportReferenceIsBaseInAnAblationAndNamedOrNoneInAGrid() throws Exception {
        ReportPlan ablation = planner("seeds: [1, 2]\nfolds: 3\ntricks: {ema: {}}\n").reportPlan();
        assertEquals(new ReportPlan("base", Checkpoint.LAST, 3), ablation);
        String grid = "strategy: grid\nspace: {training.lr: [2.0e-5, 5.0e-5]}\n";
        assertEquals(new ReportPlan(null, Checkpoint.LAST, null), planner(grid).reportPlan(),
                "a grid has no base: no reference unless the spec names one");
        assertEquals(new ReportPlan("base[lr=2e-05]", Checkpoint.BEST, null),
                planner(grid + "report: {reference: 'base[lr=2e-05]', select: best}\n").reportPlan());
        SweepPlanner wrong = planner(grid + "report: {reference: base}\n");
        String m = assertThrows(IllegalArgumentException.class, wrong::trials).getMessage();
        assertEquals("report.reference must name a configuration of the plan (base[lr=2e-05], base[lr=5e-05]), "
                + "but got 'base'", m);
    }

    @Test
    void aPlanOverBudgetIsRefused() throws Exception {
        SweepPlanner p = planner("seeds: [1, 2, 3]\ntricks: {ema: {}, fgm: {}}\nbudget: {max_trials: 5}\n");
        String m = assertThrows(IllegalArgumentException.class, p::trials).getMessage();
        assertTrue(m.contains("the plan has 9 trials but budget.max_trials is 5"), m);
    }

    @Test
    void theAverageOfAConfigurationPointsAtItsMembersCheckpoints() throws Exception {
        List<TrialSpec> trials = planner("seeds: [1, 2]\ntricks: {ema: {decay: 0.9}}\n").trials();
        List<TrialSpec> ema = trials.stream().filter(t -> t.configName().equals("ema")).toList();
        TrialSpec avg = SweepPlanner.average(ema);
        assertEquals(TrialKind.AVERAGE, avg.kind());
        assertEquals("ema+fma", avg.configName());
        assertEquals(ema.stream().map(TrialSpec::trialId).toList(), avg.members());
        assertEquals(ema.stream().map(t -> Path.of(t.config().output(), "model").toString()).toList(),
                avg.config().average().members());
        assertFalse(avg.config().tricks().containsKey("fma"), "averaging is the trial's kind, not a trick");
        assertEquals(Map.of("decay", 0.9), avg.config().tricks().get("ema"), "the members' own tricks stay");
        assertEquals(avg.trialId(), SweepPlanner.average(ema).trialId(), "scheduling it twice is one trial");
    }
}
