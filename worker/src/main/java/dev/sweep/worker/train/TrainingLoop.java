package dev.sweep.worker.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.sweep.common.trial.EvalPoint;
import dev.sweep.common.trial.TaskType;
import dev.sweep.common.trial.TrainingSpec;
import dev.sweep.worker.data.Batch;
import dev.sweep.worker.data.Batches;
import dev.sweep.worker.data.EncodedSplit;
import dev.sweep.worker.data.TaskData;
import dev.sweep.worker.eval.Evaluator;
import dev.sweep.worker.eval.MetricSet;
import dev.sweep.worker.loss.TaskLoss;
import dev.sweep.worker.model.SavedModel;
import dev.sweep.worker.model.weights.HostTensor;
import dev.sweep.worker.optim.AdamW;
import dev.sweep.worker.optim.GradientClipping;
import dev.sweep.worker.optim.LrSchedule;
import dev.sweep.worker.optim.LrSchedules;
import dev.sweep.worker.optim.TrainableParameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import dev.sweep.worker.tensor.Scalars;

/**
 * Fine-tunes a {@link TextModel}: epochs of shuffled, dynamically padded batches; AdamW with a
 * warm-up schedule and global-norm clipping; evaluation every N steps and each epoch; the best
 * checkpoint by the task metric. Every step's arrays live in a sub-manager closed at the end of
 * the step, so memory stays flat however long the run.
 */
public final class TrainingLoop {
    /** Non-finite gradient norms tolerated in a row before the trial is declared diverged. */
    static final int MAX_SKIPPED_IN_A_ROW = 3;

    private final TextModel model;
    private final TaskData data;
    private final TrainingSpec spec;
    private final TaskLoss loss;
    private final boolean clipPredictions;
    private final Extensions plugins;
    private final TrainingListener listener;
    private final NDManager root;

    /**
     * What the loop hands back: the metrics and costs, the best weights and their predictions, and
     * where its time went (the steps, the evaluations, the host copies of the best weights).
     */
    public record Outcome(MetricSet best, int bestStep, MetricSet last, List<EvalPoint> history, int steps,
            double wallSeconds, double samplesPerSecond, double msPerStep, List<HostTensor> bestWeights,
            Predictions bestPredictions, List<Double> stepMillis, int skippedSteps, Predictions lastPredictions,
            double stepSeconds, double evaluationSeconds, double snapshotSeconds) {}

    /** Time spent in evaluations and in copying the best weights to the host, since the loop began. */
    private long evaluationNanos;
    private long snapshotNanos;

    public TrainingLoop(TextModel model, TaskData data, TrainingSpec spec, TaskLoss loss, boolean clipPredictions,
            List<? extends TrainingExtension> plugins, TrainingListener listener, NDManager root) {
        this.model = model;
        this.data = data;
        this.spec = spec;
        this.loss = loss;
        this.clipPredictions = clipPredictions;
        this.plugins = Extensions.of(plugins);
        this.listener = listener;
        this.root = root;
    }

    /** The optimizer's view of the parameters: the head at head_lr, no decay on biases and LayerNorm. */
    public List<TrainableParameter> trainableParameters() {
        List<TrainableParameter> out = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            double lr = e.getKey().startsWith("head.") ? spec.headLr() : spec.lr();
            double wd = TrainableParameter.decays(e.getKey(), e.getValue().getType()) ? spec.weightDecay() : 0;
            out.add(new TrainableParameter(e.getKey(), e.getValue(), lr, wd));
        }
        for (ParameterPolicy p : plugins.parameterPolicies()) {
            out = p.configure(out);
        }
        return out;
    }

    /** Micro-batches per optimizer step: the largest any plug-in asks for. */
    public int accumulationSteps() {
        return plugins.schedules().stream().mapToInt(StepSchedule::accumulationSteps).max().orElse(1);
    }

    public int totalSteps() {
        int batches = (data.train().size() + spec.batchSize() - 1) / spec.batchSize();
        int perEpoch = (batches + accumulationSteps() - 1) / accumulationSteps();
        int total = perEpoch * spec.epochs();
        return spec.maxSteps() > 0 ? Math.min(total, spec.maxSteps()) : total;
    }

    public Outcome run() {
        EncodedSplit train = data.train();
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training split is empty; check task.train and task.validation");
        }
        int totalSteps = totalSteps();
        StepContext before = new StepContext(model, null, 1, 0, totalSteps, null);
        plugins.setups().forEach(s -> s.beforeTraining(before));
        int accumulation = accumulationSteps();
        int warmup = (int) Math.ceil(spec.warmupRatio() * totalSteps);
        LrSchedule schedule = LrSchedules.create(spec.scheduler(), warmup, totalSteps, spec.numCycles());
        List<TrainableParameter> trainables = trainableParameters();
        List<NDArray> arrays = trainables.stream().map(t -> t.parameter().getArray()).toList();
        Objective objective = batch -> loss.compute(model.forward(batch, true), batch.targets());
        for (ObjectivePolicy o : plugins.objectives()) {
            objective = o.objective(objective);
        }
        Objective finalObjective = objective;
        Pass pass = (batch, lossScale) -> forwardBackward(finalObjective, batch, lossScale);
        for (ObjectivePolicy o : plugins.objectives()) {
            pass = o.pass(pass);
        }
        Random shuffle = new Random(spec.seed());

        Evaluations evaluations = new Evaluations();
        List<Double> stepMillis = new ArrayList<>();
        double trainNanos = 0;
        long trainSamples = 0;
        int step = 0;
        int skippedSteps = 0;
        int skippedInARow = 0;
        double lossSinceEval = 0;
        int stepsSinceEval = 0;
        double lossSinceLog = 0;
        long samplesSinceLog = 0;
        double nanosSinceLog = 0;
        evaluationNanos = 0;
        snapshotNanos = 0;
        long start = System.nanoTime();

        try (AdamW optimizer = new AdamW(trainables, spec.beta1(), spec.beta2(), spec.adamEps())) {
            training:
            for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
                boolean evaluatedAtEnd = false;
                List<int[]> plan = Batches.plan(train, spec.batchSize(), true, spec.bucketByLength(), shuffle);
                for (int first = 0; first < plan.size(); first += accumulation) {
                    List<int[]> group = plan.subList(first, Math.min(plan.size(), first + accumulation));
                    long t0 = System.nanoTime();
                    double lrFactor = schedule.factor(step);
                    for (StepSchedule s : plugins.schedules()) {
                        lrFactor = s.lrFactor(step, lrFactor);
                    }
                    // each micro-batch's loss is scaled so the summed gradients are those of their mean
                    float scale = 1f / group.size();
                    double stepLoss = 0;
                    int samples = 0;
                    for (int[] indices : group) {
                        try (NDManager scope = root.newSubManager()) {
                            Batch batch = Batches.materialize(scope, train, indices, data.type());
                            Pass p = pass;
                            StepContext context = new StepContext(model, batch, epoch, step, totalSteps,
                                    () -> p.run(batch, scale));
                            stepLoss += pass.run(batch, scale) / group.size();
                            for (StepObserver o : plugins.observers()) {
                                o.afterBackward(context);
                            }
                        }
                        samples += indices.length;
                    }
                    if (!Double.isFinite(stepLoss)) {
                        throw new TrainingDivergedException("training loss is " + stepLoss + " at step " + (step + 1)
                                + nonFinite() + "; lower training.lr or check the targets");
                    }
                    if (!acceptedByPlugins(new StepContext(model, null, epoch, step, totalSteps, null))) {
                        clearGradients(arrays);
                        skippedSteps++;
                        continue;
                    }
                    // the norm is taken with clipping off too (~10 ms): a step whose gradient is not
                    // finite is dropped, not applied (docs/memory-safety.md: how a freed constant once did that)
                    double norm = GradientClipping.clipGlobalNorm(arrays,
                            spec.maxGradNorm() > 0 ? spec.maxGradNorm() : Double.POSITIVE_INFINITY);
                    if (!Double.isFinite(norm)) {
                        // as dynamic loss scaling does on overflow: drop this step's gradients, keep the
                        // weights, and give up only when it keeps happening
                        skippedSteps++;
                        if (++skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
                            throw new TrainingDivergedException("gradient norm is " + norm + " at step " + (step + 1)
                                    + " for the " + skippedInARow + "th step in a row" + nonFinite()
                                    + "; lower training.lr or check the targets' scale");
                        }
                        clearGradients(arrays);
                        continue;
                    }
                    skippedInARow = 0;
                    optimizer.step(lrFactor);
                    step++;
                    StepContext after = new StepContext(model, null, epoch, step, totalSteps, null);
                    for (StepObserver o : plugins.observers()) {
                        o.afterStep(after);
                    }
                    double nanos = System.nanoTime() - t0;
                    stepMillis.add(nanos / 1e6);
                    listener.onStep(nanos / 1e6);
                    trainNanos += nanos;
                    trainSamples += samples;
                    lossSinceEval += stepLoss;
                    stepsSinceEval++;
                    lossSinceLog += stepLoss;
                    samplesSinceLog += samples;
                    nanosSinceLog += nanos;
                    boolean lastStep = step == totalSteps;
                    if (step % spec.logEverySteps() == 0 || lastStep) {
                        int logged = step % spec.logEverySteps() == 0 ? spec.logEverySteps() : step % spec.logEverySteps();
                        listener.onProgress(new TrainingListener.Progress(epoch, spec.epochs(), step, totalSteps,
                                lossSinceLog / logged, spec.lr() * lrFactor, samplesSinceLog / (nanosSinceLog / 1e9),
                                nanosSinceLog / 1e6 / logged));
                        lossSinceLog = 0;
                        samplesSinceLog = 0;
                        nanosSinceLog = 0;
                    }
                    evaluatedAtEnd = spec.evalEverySteps() > 0 && step % spec.evalEverySteps() == 0 || lastStep;
                    if (evaluatedAtEnd) {
                        evaluations.add(evaluateWithPlugins(epoch, step, totalSteps, lossSinceEval / stepsSinceEval, evaluations), step);
                        lossSinceEval = 0;
                        stepsSinceEval = 0;
                    }
                    if (lastStep) {
                        break training;
                    }
                }
                if (!evaluatedAtEnd) {
                    evaluations.add(evaluateWithPlugins(epoch, step, totalSteps, lossSinceEval / stepsSinceEval, evaluations), step);
                    lossSinceEval = 0;
                    stepsSinceEval = 0;
                }
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Outcome(evaluations.best.metrics(), evaluations.bestStep, evaluations.last, evaluations.history,
                step, wall, trainSamples / (trainNanos / 1e9), median(stepMillis), evaluations.best.weights(),
                evaluations.best.predictions(), List.copyOf(stepMillis), skippedSteps, evaluations.lastPredictions,
                trainNanos / 1e9, (evaluationNanos - snapshotNanos) / 1e9, snapshotNanos / 1e9);
    }

    /**
     * One evaluation of the model's weights as they are, no training: an averaging trial (FMA)
     * puts its members' mean in the model and scores it as a result of its own.
     */
    public Outcome evaluate() {
        evaluationNanos = 0;
        snapshotNanos = 0;
        long start = System.nanoTime();
        Evaluations evaluations = new Evaluations();
        evaluations.add(evaluateWithPlugins(0, 0, 0, Double.NaN, evaluations), 0);
        return new Outcome(evaluations.best.metrics(), 0, evaluations.last, evaluations.history, 0,
                (System.nanoTime() - start) / 1e9, 0, 0, evaluations.best.weights(), evaluations.best.predictions(),
                List.of(), 0, evaluations.lastPredictions, 0, (evaluationNanos - snapshotNanos) / 1e9, snapshotNanos / 1e9);
    }

    private boolean acceptedByPlugins(StepContext context) {
        boolean accepted = true;
        for (ObjectivePolicy o : plugins.objectives()) {
            accepted &= o.acceptStep(context); // not short-circuited: every plug-in sees the step
        }
        return accepted;
    }

    /** Sets every gradient to 0; multiplying by 0 would keep a NaN. */
    private static void clearGradients(List<NDArray> arrays) {
        for (NDArray w : arrays) {
            if (w.hasGradient()) {
                try (NDArray g = w.getGradient()) {
                    g.set(new ai.djl.ndarray.index.NDIndex(":"), 0f);
                }
            }
        }
    }

    /** Where the numbers went bad: the first parameter or gradient that is not finite, for the error message. */
    private String nonFinite() {
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            NDArray w = e.getValue().getArray();
            try (NDManager scope = root.newSubManager()) {
                NDArray sum = w.sum();
                sum.attach(scope);
                if (!Float.isFinite(sum.getFloat())) {
                    return " (weights of " + e.getKey() + " are not finite)";
                }
                if (w.hasGradient()) {
                    NDArray g = w.getGradient();
                    g.attach(scope);
                    NDArray gs = g.sum();
                    gs.attach(scope);
                    if (!Float.isFinite(gs.getFloat())) {
                        return " (the gradient of " + e.getKey() + " is not finite)";
                    }
                }
            }
        }
        return " (all weights and gradients finite: the forward pass itself produced it)";
    }

    private record EvalRun(EvalPoint point, MetricSet metrics, Predictions predictions, List<HostTensor> weights) {}

    /** The evaluations so far and the best of them. */
    private final class Evaluations {
        final List<EvalPoint> history = new ArrayList<>();
        EvalRun best;
        int bestStep;
        MetricSet last;
        Predictions lastPredictions;

        void add(EvalRun run, int step) {
            history.add(run.point());
            listener.onEvaluated(run.point());
            last = run.metrics();
            lastPredictions = run.predictions();
            if (best == null || run.metrics().isBetterThan(best.metrics())) {
                best = run;
                bestStep = step;
            }
        }
    }

    private EvalRun evaluateWithPlugins(int epoch, int step, int totalSteps, double trainLoss, Evaluations so) {
        long start = System.nanoTime();
        try {
            return timedEvaluation(epoch, step, totalSteps, trainLoss, so);
        } finally {
            evaluationNanos += System.nanoTime() - start;
        }
    }

    private EvalRun timedEvaluation(int epoch, int step, int totalSteps, double trainLoss, Evaluations so) {
        StepContext context = new StepContext(model, null, epoch, step, totalSteps, null);
        plugins.evaluationWeights().forEach(w -> w.beforeEval(context));
        try {
            Predictions predictions = predict(data.validation());
            MetricSet metrics = score(data.validation(), predictions);
            // taken inside the eval window, so weight-averaging tricks save the weights they evaluated
            List<HostTensor> weights = null;
            if (so.best == null || metrics.isBetterThan(so.best.metrics())) {
                long copying = System.nanoTime();
                weights = new ArrayList<>();
                for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
                    weights.add(SavedModel.toHost(e.getKey(), e.getValue()));
                }
                snapshotNanos += System.nanoTime() - copying;
            }
            return new EvalRun(EvalPoint.of(epoch, step, trainLoss, metrics.values()), metrics, predictions, weights);
        } finally {
            List<EvaluationWeights> weights = plugins.evaluationWeights();
            for (int i = weights.size() - 1; i >= 0; i--) {
                weights.get(i).afterEval(context);
            }
        }
    }

    /** One forward and backward pass; the gradients add to those already there. Returns the loss, not scaled. */
    private static float forwardBackward(Objective objective, Batch batch, float scale) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray value = objective.loss(batch);
            collector.backward(scale != 1f ? Scalars.times(value, scale) : value);
            return value.getFloat();
        }
    }

    /** Predictions for every example of the split, in the split's order; no dropout, no gradients. */
    public Predictions predict(EncodedSplit split) {
        int n = split.size();
        float[][] values = new float[n][];
        int[] rows = new int[n];
        int outputs = data.numOutputs();
        // sorted by length so eval batches carry little padding; results go back to split order
        for (int[] indices : Batches.plan(split, spec.evalBatchSize(), false, true, new Random(0))) {
            try (NDManager scope = root.newSubManager()) {
                Batch batch = Batches.materialize(scope, split, indices, data.type());
                float[] flat = model.forward(batch, false).toFloatArray();
                for (int i = 0; i < indices.length; i++) {
                    values[indices[i]] = Arrays.copyOfRange(flat, i * outputs, (i + 1) * outputs);
                    rows[indices[i]] = split.get(indices[i]).row();
                }
            }
        }
        if (clipPredictions && data.type() == TaskType.REGRESSION) {
            values = Evaluator.clip(values, data.targetMin(), data.targetMax());
        }
        return new Predictions(rows, values);
    }

    /** The task metrics of predictions against the split's targets. */
    public MetricSet score(EncodedSplit split, Predictions predictions) {
        int n = split.size();
        if (data.type() == TaskType.REGRESSION) {
            float[][] targets = new float[n][];
            for (int i = 0; i < n; i++) {
                targets[i] = split.get(i).targets();
            }
            return Evaluator.regression(predictions.values(), targets, data.targetNames());
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = split.get(i).label();
        }
        return Evaluator.classification(predictions.values(), labels, data.numOutputs());
    }

    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
