package dev.sweep.common.trial;

import static dev.sweep.common.trial.Checks.orDefault;
import static dev.sweep.common.trial.Checks.require;

import java.util.Set;

/**
 * Base training settings, the Hugging Face Trainer's vocabulary where one exists.
 *
 * @param headLr learning rate of the head; the encoder's {@code lr} when unset
 * @param scheduler linear, cosine or constant, each after {@code warmupRatio} of linear warm-up
 * @param numCycles cosine waves over the decay phase, as in Hugging Face (0.5: one half-wave to 0)
 * @param maxGradNorm clip the global gradient norm to this; 0 turns clipping off
 * @param evalEverySteps evaluate every N optimizer steps as well as each epoch; 0: per epoch only
 * @param loss mse, rmse, smooth_l1 or ce; mse for regression and ce for classification when unset
 * @param threads intra-op threads of the engine; 0 leaves the engine's default
 * @param device cpu, or gpu / gpu:N
 * @param maxSteps stop after this many optimizer steps (a smoke run); 0: no limit
 */
public record TrainingSpec(
        Integer epochs,
        Integer batchSize,
        Integer evalBatchSize,
        Double lr,
        Double headLr,
        Double weightDecay,
        Double adamEps,
        Double beta1,
        Double beta2,
        String scheduler,
        Double warmupRatio,
        Double numCycles,
        Double maxGradNorm,
        Integer evalEverySteps,
        Boolean bucketByLength,
        Long seed,
        String loss,
        Integer threads,
        String device,
        Integer maxSteps,
        Integer logEverySteps) {
    public static final Set<String> SCHEDULERS = Set.of("linear", "cosine", "constant");
    public static final Set<String> LOSSES = Set.of("mse", "rmse", "smooth_l1", "ce");

    public TrainingSpec {
        epochs = Checks.positive("training.epochs", orDefault(epochs, 3));
        batchSize = Checks.positive("training.batch_size", orDefault(batchSize, 16));
        evalBatchSize = Checks.positive("training.eval_batch_size", orDefault(evalBatchSize, 2 * batchSize));
        lr = Checks.positive("training.lr", orDefault(lr, 2e-5));
        headLr = Checks.positive("training.head_lr", orDefault(headLr, lr));
        weightDecay = Checks.nonNegative("training.weight_decay", orDefault(weightDecay, 0.01));
        adamEps = Checks.positive("training.adam_eps", orDefault(adamEps, 1e-6));
        beta1 = Checks.inRange("training.beta1", orDefault(beta1, 0.9), 0, 0.999999);
        beta2 = Checks.inRange("training.beta2", orDefault(beta2, 0.999), 0, 0.999999);
        scheduler = orDefault(scheduler, "linear");
        require(SCHEDULERS.contains(scheduler),
                "training.scheduler must be one of constant, cosine, linear, but got '" + scheduler + "'");
        warmupRatio = Checks.inRange("training.warmup_ratio", orDefault(warmupRatio, 0.0), 0, 1);
        numCycles = Checks.positive("training.num_cycles", orDefault(numCycles, 0.5));
        maxGradNorm = Checks.nonNegative("training.max_grad_norm", orDefault(maxGradNorm, 1.0));
        evalEverySteps = Checks.nonNegative("training.eval_every_steps", orDefault(evalEverySteps, 0));
        bucketByLength = orDefault(bucketByLength, Boolean.FALSE);
        seed = orDefault(seed, 42L);
        require(loss == null || LOSSES.contains(loss),
                "training.loss must be one of ce, mse, rmse, smooth_l1, but got '" + loss + "'");
        threads = Checks.nonNegative("training.threads", orDefault(threads, 0));
        device = orDefault(device, "cpu");
        require(device.equals("cpu") || device.matches("gpu(:\\d+)?"),
                "training.device must be cpu, gpu or gpu:N, but got '" + device + "'");
        maxSteps = Checks.nonNegative("training.max_steps", orDefault(maxSteps, 0));
        logEverySteps = Checks.positive("training.log_every_steps", orDefault(logEverySteps, 10));
    }

    public static TrainingSpec defaults() {
        return new TrainingSpec(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** The same settings, stopping after {@code steps} optimizer steps (a smoke run). */
    public TrainingSpec withMaxSteps(int steps) {
        return new TrainingSpec(epochs, batchSize, evalBatchSize, lr, headLr, weightDecay, adamEps, beta1, beta2,
                scheduler, warmupRatio, numCycles, maxGradNorm, evalEverySteps, bucketByLength, seed, loss, threads,
                device, steps, logEverySteps);
    }

    public TrainingSpec withSeed(long newSeed) {
        return new TrainingSpec(epochs, batchSize, evalBatchSize, lr, headLr, weightDecay, adamEps, beta1, beta2,
                scheduler, warmupRatio, numCycles, maxGradNorm, evalEverySteps, bucketByLength, newSeed, loss, threads,
                device, maxSteps, logEverySteps);
    }

    /** The same settings on another device (a worker trains on its own). */
    public TrainingSpec withDevice(String newDevice) {
        return new TrainingSpec(epochs, batchSize, evalBatchSize, lr, headLr, weightDecay, adamEps, beta1, beta2,
                scheduler, warmupRatio, numCycles, maxGradNorm, evalEverySteps, bucketByLength, seed, loss, threads,
                newDevice, maxSteps, logEverySteps);
    }

    /** The loss to use for a task type when none is named. */
    public String lossFor(TaskType type) {
        if (loss != null) {
            return loss;
        }
        return type == TaskType.CLASSIFICATION ? "ce" : "mse";
    }
}
