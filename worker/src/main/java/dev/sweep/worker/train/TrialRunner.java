package dev.sweep.worker.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.codec.ConfigException;
import dev.sweep.common.trial.TaskType;
import ai.djl.pytorch.jni.JniUtils;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.common.trial.TrialEnvironment;
import dev.sweep.common.trial.TrialResult;
import dev.sweep.common.trial.TrialTimes;
import dev.sweep.worker.data.TaskData;
import dev.sweep.worker.data.TaskDataCache;
import dev.sweep.worker.data.TextTokenizer;
import dev.sweep.worker.head.Poolings;
import dev.sweep.worker.head.TaskHead;
import dev.sweep.worker.loss.Losses;
import dev.sweep.worker.model.Encoder;
import dev.sweep.worker.model.ModelConfig;
import dev.sweep.worker.model.Pretrained;
import dev.sweep.worker.model.SavedModel;
import dev.sweep.worker.loss.TaskLoss;
import dev.sweep.worker.tricks.AveragedModel;
import dev.sweep.worker.tricks.TrickEnvironment;
import dev.sweep.worker.tricks.Tricks;
import java.util.ArrayList;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Runs one trial from its config: loads the pretrained encoder and the data, trains, and writes
 * the best checkpoint (a Hugging Face model folder), the validation predictions and the result
 * to the trial's output folder.
 */
public final class TrialRunner {
    private final Path baseDir;
    private final TrainingListener listener;
    private final List<TrainingExtension> plugins;

    /**
     * @param baseDir relative paths in the config resolve against it (the config file's folder)
     * @param plugins plug-ins of the loop besides the config's tricks (the service's stop check)
     */
    public TrialRunner(Path baseDir, TrainingListener listener, List<? extends TrainingExtension> plugins) {
        this.baseDir = baseDir;
        this.listener = listener;
        this.plugins = List.copyOf(plugins);
    }

    /** The device a training spec names, refused when it is not there. */
    public static Device device(String name) {
        if (name.equals("cpu")) {
            return Device.cpu();
        }
        int index = name.contains(":") ? Integer.parseInt(name.substring(name.indexOf(':') + 1)) : 0;
        int gpus = Engine.getInstance().getGpuCount();
        if (index >= gpus) {
            throw new ConfigException("training.device: " + name + " was asked for but " + gpus
                    + " CUDA devices are visible; the worker needs the CUDA build of libtorch (see README, GPU workers)");
        }
        return Device.gpu(index);
    }

    public TrialResult run(TrialConfig config) {
        return run(config, true);
    }

    /**
     * Everything a run does before its first step (weights, tokenizer, data, model, head, tricks
     * and their parameters), then stops: refuses, with the same one-line errors, what
     * {@link #run} would refuse, in seconds and with nothing written.
     */
    public void check(TrialConfig config) {
        run(config, false);
    }

    private TrialResult run(TrialConfig config, boolean train) {
        int threads = config.training().threads();
        Engine.getInstance(); // loads libtorch, which the thread calls below need
        int before = JniUtils.getNumThreads();
        if (threads > 0 && threads != before) {
            // libtorch takes the intra-op thread count per calling thread, at any time: a worker started
            // with --threads T still trains a trial that names its own threads with exactly that many
            JniUtils.setNumThreads(threads);
        }
        try {
            return runWithThreads(config, train);
        } finally {
            if (JniUtils.getNumThreads() != before) {
                JniUtils.setNumThreads(before);
            }
        }
    }

    /** What the numbers of this trial depend on besides its config. */
    static TrialEnvironment environment(Device device) {
        String name = device.getDeviceType().equals(Device.Type.CPU) ? "cpu" : "gpu:" + device.getDeviceId();
        return new TrialEnvironment(name, JniUtils.getNumThreads(),
                "PyTorch " + Engine.getInstance().getVersion() + " (DJL " + Engine.getDjlVersion() + ")");
    }

    private TrialResult runWithThreads(TrialConfig config, boolean train) {
        PhaseClock clock = new PhaseClock();
        MemoryProbe.resetPeaks();
        Engine.getInstance().setRandomSeed((int) (long) config.training().seed());
        Pretrained pretrained = Pretrained.load(config.model().source(), baseDir);
        ModelConfig encoderConfig = pretrained.config()
                .withDropout(config.model().hiddenDropout(), config.model().attentionDropout());
        double load = clock.lap();
        TaskData data = TaskDataCache.shared().get(config.task(), baseDir, pretrained.tokenizerJson(), () -> {
            try (TextTokenizer tokenizer = TextTokenizer.fromJson(new ByteArrayInputStream(pretrained.tokenizerJson()),
                    config.task().maxLength())) {
                return TaskData.load(config.task(), baseDir, tokenizer);
            }
        });
        double tokenize = clock.lap();
        checkVocabulary(data, encoderConfig, pretrained.source());
        Path output = baseDir.resolve(config.output());
        try (NDManager manager = NDManager.newBaseManager(device(config.training().device()))) {
            double setup = clock.lap();
            Encoder encoder = Encoder.fromWeights(encoderConfig, pretrained.weights(), manager,
                    pretrained.source());
            load += clock.lap();
            TaskHead head = new TaskHead(
                    Poolings.create(config.model().pooling(), encoderConfig.hiddenSize(), encoderConfig.numLayers() + 1,
                            config.model().poolingLayers(), manager),
                    encoderConfig.hiddenSize(), data.numOutputs(), config.model().headDropout().floatValue(), manager);
            if (config.model().headBiasAtTargetMean(config.task().type())) {
                head.startBiasAt(data.trainTargetMeans()); // regression: start at the scores' level, not at 0
            }
            TextModel model = new TextModel(encoder, head);
            TaskLoss loss = Losses.create(config.training().lossFor(config.task().type()));
            List<TrainingExtension> allPlugins = new ArrayList<>(plugins);
            // a check does not know which worker will train the trial (each trains on its own device),
            // so refusals that depend on the device (amp on a CPU) are left to the worker
            boolean onGpu = !train || !manager.getDevice().getDeviceType().equals(ai.djl.Device.Type.CPU);
            if (!config.averages()) { // the members' tricks shaped their training; an average only evaluates
                allPlugins.addAll(Tricks.create(config.tricks(), new TrickEnvironment(model, config.task().type(), loss,
                        config.training(), onGpu, baseDir), manager));
            }
            TrainingLoop loop = new TrainingLoop(model, data, config.training(), loss, config.task().clipPredictions(),
                    allPlugins, listener, manager);
            if (!train) {
                loop.trainableParameters(); // the tricks that reconfigure the optimizer check their settings here
                return null;
            }
            TrainingLoop.Outcome outcome;
            setup += clock.lap();
            if (config.averages()) { // FMA: the kind of trial that evaluates its members' mean instead of training
                AveragedModel.loadInto(model, config.average().members().stream().map(baseDir::resolve).toList());
                load += clock.lap();
                outcome = loop.evaluate();
            } else {
                outcome = loop.run();
            }
            clock.lap(); // the loop: its steps, evaluations and host copies are in the outcome
            SavedModel.write(output.resolve("model"), encoderConfig, outcome.bestWeights(), pretrained.tokenizerJson());
            // the saved (best) checkpoint's predictions, and the last evaluation's: the report's default, whose
            // choice did not look at the validation rows, so ensembles of them are scored honestly
            writePredictions(output.resolve("predictions.csv"), data, outcome.bestPredictions());
            writePredictions(output.resolve("predictions-last.csv"), data, outcome.lastPredictions());
            double written = clock.lap();
            // what the loop spent besides its steps, evaluations and host copies (schedules, logging) is
            // left to TrialTimes.other(), which the total minus the phases gives
            TrialTimes times = new TrialTimes(load, tokenize, setup, outcome.stepSeconds(), outcome.evaluationSeconds(),
                    outcome.snapshotSeconds() + written, clock.total());
            TrialResult result = new TrialResult(outcome.best().primary(), outcome.best().higherIsBetter(),
                    outcome.best().values(), outcome.bestStep(), outcome.last().values(), outcome.history(),
                    outcome.steps(), outcome.skippedSteps(), outcome.wallSeconds(), outcome.samplesPerSecond(), outcome.msPerStep(),
                    MemoryProbe.peakHeapBytes(), MemoryProbe.peakResidentBytes(), output.toString(),
                    environment(manager.getDevice()), times);
            write(output.resolve("result.json"), Codec.toJson(result));
            write(output.resolve("trial.yaml"), Codec.toYaml(config));
            return result;
        }
    }

    /** Seconds since the last lap, and since the start. */
    private static final class PhaseClock {
        private final long start = System.nanoTime();
        private long last = start;

        double lap() {
            long now = System.nanoTime();
            double seconds = (now - last) / 1e9;
            last = now;
            return seconds;
        }

        double total() {
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** A token id past the embedding table would index out of bounds inside the engine; say so up front. */
    private static void checkVocabulary(TaskData data, ModelConfig config, String source) {
        long maxId = -1;
        for (var split : List.of(data.train(), data.validation())) {
            for (int i = 0; i < split.size(); i++) {
                for (long id : split.get(i).inputIds()) {
                    maxId = Math.max(maxId, id);
                }
            }
        }
        if (maxId >= config.vocabSize()) {
            throw new ConfigException(source + ": the tokenizer produced token id " + maxId + " but the model's vocab_size is "
                    + config.vocabSize() + "; the tokenizer.json does not belong to this model");
        }
    }

    /**
     * One line per validation example: its row in the source file, the predictions (scores, or
     * logits for classification), the predicted label, and the truth ({@code target_NAME} columns,
     * or {@code label}), so the coordinator can score ensembles of trials from their files alone.
     */
    private static void writePredictions(Path file, TaskData data, Predictions predictions) {
        boolean regression = data.type() == TaskType.REGRESSION;
        StringBuilder b = new StringBuilder("row");
        List<String> columns = regression ? data.targetNames()
                : data.labels().names().stream().map(n -> "logit_" + n).toList();
        columns.forEach(c -> b.append(',').append(c));
        if (regression) {
            data.targetNames().forEach(n -> b.append(",target_").append(n));
        } else {
            b.append(",predicted,label");
        }
        b.append('\n');
        Map<Integer, dev.sweep.worker.data.EncodedExample> truth = new java.util.HashMap<>();
        for (int i = 0; i < data.validation().size(); i++) {
            truth.put(data.validation().get(i).row(), data.validation().get(i));
        }
        for (int i = 0; i < predictions.rows().length; i++) {
            b.append(predictions.rows()[i]);
            float[] v = predictions.values()[i];
            int arg = 0;
            for (int k = 0; k < v.length; k++) {
                b.append(',').append(String.format(Locale.ROOT, "%.6g", v[k]));
                arg = v[k] > v[arg] ? k : arg;
            }
            dev.sweep.worker.data.EncodedExample example = truth.get(predictions.rows()[i]);
            if (regression) {
                for (float t : example.targets()) {
                    b.append(',').append(String.format(Locale.ROOT, "%.6g", t));
                }
            } else {
                b.append(',').append(data.labels().names().get(arg)).append(',')
                        .append(data.labels().names().get(example.label()));
            }
            b.append('\n');
        }
        write(file, b.toString());
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
