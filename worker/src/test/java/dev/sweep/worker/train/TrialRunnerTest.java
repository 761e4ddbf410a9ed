package dev.sweep.worker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.common.codec.Codec;
import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.trial.TrialTimes;
import dev.sweep.worker.model.Pretrained;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole trials of a tiny model on synthetic data: learning, outputs, determinism, evaluation cadence. */
class TrialRunnerTest {
    @TempDir
    static Path shared;

    static Path model;

    @BeforeAll
    static void makeModel() {
        model = TinyModels.folder(shared.resolve("tiny-bert"), 2, 32, 0.1);
        SyntheticData.classification(shared.resolve("sentiment.csv"), 240, 1);
        SyntheticData.regression(shared.resolve("scores.csv"), 160, 2);
    }

    private static TrialConfig config(String yaml) throws IOException {
        Path file = Files.createTempFile(shared, "trial", ".yaml");
        Files.writeString(file, yaml);
        return Codec.readYaml(file, TrialConfig.class);
    }

    private static String classification(String output, long seed, String extraTraining) {
        return """
                task:
                  type: classification
                  train: sentiment.csv
                  text: [text]
                  targets: [label]
                  max_length: 32
                  validation: {fraction: 0.25, seed: 3}
                model: {source: tiny-bert, pooling: mean}
                training:
                  epochs: 4
                  batch_size: 16
                  lr: 2.0e-3
                  warmup_ratio: 0.1
                  seed: %d
                  log_every_steps: 5
                %soutput: %s
                """.formatted(seed, extraTraining, output);
    }

    private static TrialResult run(TrialConfig config, List<EvalPoint> seen) {
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onProgress(Progress progress) {
                assertTrue(Double.isFinite(progress.loss()) && progress.samplesPerSecond() > 0);
            }

            @Override
            public void onEvaluated(EvalPoint point) {
                seen.add(point);
            }
        };
        return new TrialRunner(shared, listener, List.of()).run(config);
    }

    @Test
    void aTinyModelLearnsTheSyntheticSentimentTaskAndWritesItsOutputs() throws IOException {
        List<EvalPoint> seen = new ArrayList<>();
        TrialResult r = run(config(classification("out-learn", 42, "")), seen);
        assertEquals("accuracy", r.primaryMetric());
        assertTrue(r.bestPrimary() >= 0.9, "best accuracy " + r.bestPrimary());
        assertTrue(r.best().containsKey("macro_f1"));
        assertEquals(4, r.history().size(), "one evaluation per epoch");
        assertEquals(seen, r.history(), "listeners see every evaluation");
        assertEquals(4 * 12, r.steps(), "180 training rows in batches of 16, 4 epochs");
        assertTrue(r.peakNativeBytes() > 0 && r.peakHeapBytes() > 0 && r.msPerStep() > 0);
        // where the time went: the steps are the median step times' sum's order of magnitude, every
        // phase lies inside the trial's total, and the loop's own wall time holds steps and evaluations
        TrialTimes t = r.times();
        assertTrue(t.steps() > 0 && t.evaluation() > 0 && t.modelLoad() > 0 && t.checkpoint() > 0, t.toString());
        assertTrue(t.steps() + t.evaluation() <= r.wallSeconds() + 1e-9, t + " against the loop's " + r.wallSeconds());
        assertTrue(t.modelLoad() + t.tokenize() + t.setup() + t.steps() + t.evaluation() + t.checkpoint()
                <= t.total() + 1e-9, t.toString());
        assertTrue(t.steps() >= 0.5 * r.steps() * r.msPerStep() / 1000, t + ": steps against " + r.steps() + " x median "
                + r.msPerStep() + " ms");

        Path out = shared.resolve("out-learn");
        List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
        assertEquals("row,logit_neg,logit_pos,predicted,label", predictions.get(0));
        assertEquals(60 + 1, predictions.size(), "one line per validation row");
        List<String> last = Files.readAllLines(out.resolve("predictions-last.csv"));
        assertEquals(predictions.get(0), last.get(0));
        assertEquals(61, last.size(), "the last evaluation's predictions, as many");
        // the truth column lets the coordinator score ensembles: its accuracy from the file is the trial's
        long right = predictions.stream().skip(1).map(l -> l.split(",")).filter(c -> c[3].equals(c[4])).count();
        assertEquals(r.best().get("accuracy"), right / 60.0, 1e-9, "accuracy recomputed from predictions.csv");
        TrialResult written = Codec.fromJson(Files.readString(out.resolve("result.json")), TrialResult.class);
        assertEquals(r, written);
        // the saved best checkpoint is a model folder this engine loads back
        Pretrained back = Pretrained.folder(out.resolve("model"));
        assertTrue(back.weights().containsKey("head.fc.weight"));
        assertTrue(back.weights().containsKey("encoder.layer.1.output.LayerNorm.bias"));
    }

    @Test
    void theSameSeedGivesTheSameResultTwiceAndAnotherSeedDoesNot() throws IOException {
        String extra = "  max_steps: 12\n";
        TrialResult a = run(config(classification("out-a", 5, extra)), new ArrayList<>());
        TrialResult b = run(config(classification("out-b", 5, extra)), new ArrayList<>());
        TrialResult c = run(config(classification("out-c", 6, extra)), new ArrayList<>());
        assertEquals(a.best(), b.best());
        assertEquals(a.history().get(0).trainLoss(), b.history().get(0).trainLoss());
        assertArrayEquals(Files.readAllBytes(shared.resolve("out-a/model/model.safetensors")),
                Files.readAllBytes(shared.resolve("out-b/model/model.safetensors")));
        assertNotEquals(a.history().get(0).trainLoss(), c.history().get(0).trainLoss());
    }

    @Test
    void regressionWithFoldsKeepsOutOfFoldPredictionsAndEvaluatesEveryNSteps() throws IOException {
        String yaml = """
                task:
                  type: regression
                  train: scores.csv
                  text: [text]
                  targets: [a, b]
                  max_length: 16
                  clip_predictions: true
                  validation: {folds: 4, fold: 1}
                model: {source: tiny-bert, pooling: attention}
                training:
                  epochs: 2
                  batch_size: 8
                  lr: 1.0e-3
                  loss: smooth_l1
                  scheduler: cosine
                  eval_every_steps: 5
                  seed: 1
                output: out-reg
                """;
        TrialResult r = run(config(yaml), new ArrayList<>());
        assertEquals("mcrmse", r.primaryMetric());
        assertTrue(r.best().containsKey("rmse_a") && r.best().containsKey("rmse_b"));
        double mean = (r.best().get("rmse_a") + r.best().get("rmse_b")) / 2;
        assertEquals(mean, r.best().get("mcrmse"), 1e-9);
        // 120 training rows / 8 = 15 steps an epoch, 30 in all: evaluations at 5,10,...,30
        assertEquals(List.of(5, 10, 15, 20, 25, 30), r.history().stream().map(EvalPoint::step).toList());
        List<String> lines = Files.readAllLines(shared.resolve("out-reg/predictions.csv"));
        assertEquals(40 + 1, lines.size());
        assertTrue(lines.get(0).endsWith(",target_a,target_b"), lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            for (int k = 1; k < 3; k++) { // the predictions; the targets follow
                double v = Double.parseDouble(cells[k]);
                assertTrue(v >= 1.0 - 1e-6 && v <= 5.0 + 1e-6, "clipped to the targets' range: " + line);
            }
        }
    }
}
