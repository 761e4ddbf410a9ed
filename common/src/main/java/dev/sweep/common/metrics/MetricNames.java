package dev.sweep.common.metrics;

/**
 * The metric names the coordinator and workers publish (Micrometer names; Prometheus adds the
 * unit and type suffixes shown). Dashboards and the query check depend on them. Labels stay
 * bounded: sweep, config, seed, fold, metric, epoch, one {@code trick_*} label per trick setting,
 * worker, device; never trial ids, steps or free text.
 */
public final class MetricNames {
    /** Trials of a sweep by state ({@code sweep_trials}). */
    public static final String TRIALS = "sweep.trials";
    /** A finished trial's best value of each metric ({@code sweep_trial_metric}). */
    public static final String TRIAL_METRIC = "sweep.trial.metric";
    /** Each evaluation's metric by epoch ({@code sweep_epoch_metric}). */
    public static final String EPOCH_METRIC = "sweep.epoch.metric";
    /** The best primary metric of the sweep so far ({@code sweep_best_metric}). */
    public static final String BEST_METRIC = "sweep.best.metric";
    /** A finished trial's median ms per optimizer step ({@code sweep_trial_step_ms}). */
    public static final String TRIAL_STEP_MS = "sweep.trial.step.ms";
    /** A finished trial's peak resident memory ({@code sweep_trial_peak_bytes}). */
    public static final String TRIAL_PEAK_BYTES = "sweep.trial.peak.bytes";
    /**
     * A configuration's mean improvement over the report's reference on matched seeds (and folds),
     * in the metric's own direction: positive is better ({@code sweep_config_improvement}); labels
     * sweep, config, metric, reference.
     */
    public static final String CONFIG_IMPROVEMENT = "sweep.config.improvement";
    /** The 95% interval's lower bound of that improvement ({@code sweep_config_improvement_low}). */
    public static final String CONFIG_IMPROVEMENT_LOW = "sweep.config.improvement.low";
    /** The 95% interval's upper bound ({@code sweep_config_improvement_high}). */
    public static final String CONFIG_IMPROVEMENT_HIGH = "sweep.config.improvement.high";
    /** The matched pairs behind it ({@code sweep_config_pairs}). */
    public static final String CONFIG_PAIRS = "sweep.config.pairs";
    /**
     * 1 for the configuration's verdict, 0 for the others ({@code sweep_config_verdict}); the label
     * {@code verdict} is one of better, worse, not_distinguishable, no_test.
     */
    public static final String CONFIG_VERDICT = "sweep.config.verdict";
    /** Seconds between an event's creation and the coordinator reading it ({@code sweep_event_lag_seconds}). */
    public static final String EVENT_LAG = "sweep.event.lag.seconds";

    /** Worker: wall time of each optimizer step ({@code sweep_worker_step_seconds_bucket|count|sum}). */
    public static final String STEP_TIME = "sweep.worker.step";
    /** Worker: training throughput over the last progress period ({@code sweep_worker_samples_per_second}). */
    public static final String SAMPLES_PER_SECOND = "sweep.worker.samples.per.second";
    /** Worker: mean training loss over the last progress period ({@code sweep_worker_train_loss}). */
    public static final String TRAIN_LOSS = "sweep.worker.train.loss";
    /** Worker: the learning rate now ({@code sweep_worker_learning_rate}). */
    public static final String LEARNING_RATE = "sweep.worker.learning.rate";
    /** Worker: resident set size, native tensors included ({@code sweep_worker_resident_bytes}). */
    public static final String RESIDENT_BYTES = "sweep.worker.resident.bytes";
    /** Worker: GPU memory in use, where there is a GPU ({@code sweep_worker_gpu_memory_bytes}). */
    public static final String GPU_MEMORY = "sweep.worker.gpu.memory.bytes";
    /** Worker: trials finished by outcome ({@code sweep_worker_trials_total}). */
    public static final String WORKER_TRIALS = "sweep.worker.trials";
    /** Worker: 1 while a trial trains ({@code sweep_worker_busy}). */
    public static final String BUSY = "sweep.worker.busy";

    private MetricNames() {}
}
