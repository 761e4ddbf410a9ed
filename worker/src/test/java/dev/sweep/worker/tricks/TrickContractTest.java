package dev.sweep.worker.tricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.worker.data.TaskData;
import dev.sweep.worker.data.TextTokenizer;
import dev.sweep.worker.head.Poolings;
import dev.sweep.worker.head.TaskHead;
import dev.sweep.worker.loss.Losses;
import dev.sweep.worker.model.Encoder;
import dev.sweep.worker.model.Pretrained;
import dev.sweep.worker.train.DebertaFolders;
import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.SyntheticData;
import dev.sweep.worker.train.TextModel;
import dev.sweep.worker.train.EvaluationWeights;
import dev.sweep.worker.train.StepObserver;
import dev.sweep.worker.train.TrainingExtension;
import dev.sweep.worker.train.TrainingListener;
import dev.sweep.worker.train.TrainingLoop;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import dev.sweep.common.trick.TrickRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every trick keeps: switched on in a short real run of the embedded model it
 * finishes, stays finite, and leaves the weights it borrows as it found them, after each
 * backward-pass hook, each step hook and each evaluation. Every trick also runs on a
 * DeBERTa-v3-shaped model (the shared deberta-v3-tiny fixture with a word-level tokenizer) and
 * an ERNIE 3.0 one (ernie-3.0-tiny), so the tricks depend on the {@code Encoder} contract, not
 * on BERT's layout.
 */
class TrickContractTest {
    @TempDir
    static Path dir;

    static Pretrained embedded;
    static Pretrained deberta;
    static Pretrained ernie;

    @BeforeAll
    static void load() {
        embedded = Pretrained.embedded();
        deberta = Pretrained.folder(DebertaFolders.folder(dir.resolve("deberta-v3-tiny"), "deberta-v3-tiny"));
        ernie = Pretrained.folder(DebertaFolders.folder(dir.resolve("ernie-3.0-tiny"), "ernie-3.0-tiny"));
        SyntheticData.classification(dir.resolve("data.csv"), 40, 3);
    }

    static Stream<Arguments> tricks() {
        return Stream.of(
                Arguments.of("fgm", "fgm: {epsilon: 1.0}"),
                Arguments.of("pgd", "pgd: {epsilon: 1.0, alpha: 0.3, steps: 2}"),
                Arguments.of("awp", "awp: {adv_lr: 1.0, adv_eps: 0.2}"),
                Arguments.of("rdrop", "rdrop: {alpha: 1.0}"),
                Arguments.of("ema", "ema: {decay: 0.9}"),
                Arguments.of("swa", "swa: {start: 0.0, every_steps: 1}"),
                Arguments.of("llrd", "llrd: {decay: 0.9}"),
                Arguments.of("multi_sample_dropout", "multi_sample_dropout: {samples: 3}"),
                Arguments.of("reinit_layers", "reinit_layers: {layers: 1}"),
                Arguments.of("freeze_layers", "freeze_layers: {layers: 2}"),
                Arguments.of("grad_accum", "grad_accum: {steps: 2}"),
                Arguments.of("fgm+llrd+ema", "fgm: {}, llrd: {}, ema: {}"),
                // built as a GPU worker builds it, run here in fp16 on the CPU (slow, but 2 small steps)
                Arguments.of("amp", "amp: {init_scale: 1024}"),
                Arguments.of("amp+fgm+rdrop+ema", "amp: {init_scale: 1024}, fgm: {}, rdrop: {}, ema: {}"));
    }

    /** Snapshots the weights before the tricks' hooks and compares after them. */
    static final class BorrowCheck {
        final TextModel model;
        int[] before;
        int checks;

        BorrowCheck(TextModel model) {
            this.model = model;
        }

        int[] fingerprint() {
            return model.namedParameters().values().stream()
                    .mapToInt(p -> Arrays.hashCode(p.getArray().toFloatArray())).toArray();
        }

        /** A test plug-in that watches steps and evaluations. */
        interface Watch extends StepObserver, EvaluationWeights {}

        Watch first() {
            return new Watch() {
                @Override
                public void afterBackward(StepContext c) {
                    before = fingerprint();
                }

                @Override
                public void afterStep(StepContext c) {
                    before = fingerprint();
                }

                @Override
                public void beforeEval(StepContext c) {
                    before = fingerprint();
                }

                // the loop runs afterEval in reverse order, so this one runs after every trick's
                @Override
                public void afterEval(StepContext c) {
                    assertTrue(Arrays.equals(before, fingerprint()), "the weights changed across an evaluation");
                    checks++;
                }
            };
        }

        StepObserver last(String trick) {
            return new StepObserver() {
                private void check(String where) {
                    assertTrue(Arrays.equals(before, fingerprint()), trick + " changed the weights in " + where);
                    checks++;
                }

                @Override
                public void afterBackward(StepContext c) {
                    check("afterBackward");
                }

                @Override
                public void afterStep(StepContext c) {
                    check("afterStep");
                }
            };
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tricks")
    void aShortRealRunFinishesFiniteAndReturnsWhatItBorrowed(String name, String tricks) throws IOException {
        run(name, tricks, embedded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tricks")
    void theSameOnADebertaV3Model(String name, String tricks) throws IOException {
        run(name, tricks, deberta);
    }

    /** ERNIE 3.0 (the shared ernie-3.0-tiny fixture): BERT's layout with task-type embeddings. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tricks")
    void theSameOnAnErnieModel(String name, String tricks) throws IOException {
        run(name, tricks, ernie);
    }

    @Test
    void everyDeclaredTrickIsInTheContract() {
        Set<String> covered = tricks().map(a -> a.get()[0].toString())
                .flatMap(n -> Arrays.stream(n.split("\\+"))).collect(Collectors.toSet());
        assertEquals(new java.util.TreeSet<>(TrickRegistry.names()), new java.util.TreeSet<>(covered),
                "a trick the registry declares has no case here (or a case names an unknown trick)");
    }

    void run(String name, String tricks, Pretrained pretrained) throws IOException {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, """
                task: {type: classification, train: data.csv, text: [text], targets: [label], max_length: 16,
                       validation: {fraction: 0.2}}
                training: {epochs: 1, batch_size: 4, eval_batch_size: 16, max_steps: 2, eval_every_steps: 1}
                tricks: {%s}
                output: out
                """.formatted(tricks));
        TrialConfig c = Codec.readYaml(f, TrialConfig.class);
        List<EvalPoint> evaluations = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager();
                TextTokenizer tok = TextTokenizer.fromJson(new ByteArrayInputStream(pretrained.tokenizerJson()), 16)) {
            TaskData data = TaskData.load(c.task(), dir, tok);
            Encoder encoder = pretrained.encoder(m);
            int hidden = encoder.hiddenSize();
            TextModel model = new TextModel(encoder, new TaskHead(
                    Poolings.create("mean", hidden, encoder.numLayers() + 1, 2, m), hidden, data.numOutputs(), 0.1f, m));
            BorrowCheck check = new BorrowCheck(model);
            List<TrainingExtension> hooks = new ArrayList<>();
            hooks.add(check.first());
            hooks.addAll(Tricks.create(c.tricks(), new TrickEnvironment(model, c.task().type(), Losses.create("ce"),
                    c.training(), name.startsWith("amp"), dir), m));
            hooks.add(check.last(name));
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onProgress(Progress p) {
                    assertTrue(Double.isFinite(p.loss()), name + ": loss " + p.loss());
                }

                @Override
                public void onEvaluated(EvalPoint point) {
                    evaluations.add(point);
                }
            };
            TrainingLoop.Outcome outcome = new TrainingLoop(model, data, c.training(), Losses.create("ce"), false, hooks,
                    listener, m).run();
            assertEquals(2, outcome.steps());
            assertEquals(2, evaluations.size());
            evaluations.forEach(e -> assertTrue(Double.isFinite(e.trainLoss()) && Double.isFinite(e.metrics().get("accuracy"))));
            assertTrue(check.checks >= 6, "the borrow check ran " + check.checks + " times");
            model.namedParameters().values().forEach(p ->
                    assertTrue(Float.isFinite(p.getArray().abs().sum().getFloat()), name + ": non-finite " + p.getName()));
        }
    }
}
