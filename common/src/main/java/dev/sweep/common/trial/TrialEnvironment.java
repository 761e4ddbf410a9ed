package dev.sweep.common.trial;

import static dev.sweep.common.trial.Checks.require;

/**
 * Where a trial trained, as far as its numbers depend on it: the same trial on the same device
 * with the same intra-op threads and engine gives the same metrics to the last bit; change any of
 * them and floating-point sums are taken in another order.
 *
 * @param device the device it trained on: {@code cpu} or {@code gpu:N}
 * @param intraOpThreads the engine's intra-op threads while it trained
 * @param engine the engine and its version, e.g. {@code PyTorch 2.7.1 (DJL 0.35.1)}
 */
public record TrialEnvironment(String device, int intraOpThreads, String engine) {
    public TrialEnvironment {
        require(device != null && !device.isBlank(), "environment: device is required");
        require(intraOpThreads >= 1, "environment: intra_op_threads must be >= 1, but got " + intraOpThreads);
        require(engine != null && !engine.isBlank(), "environment: engine is required");
    }

    /** One short line for reports: {@code cpu, 2 threads}. */
    public String describe() {
        return device + ", " + intraOpThreads + (intraOpThreads == 1 ? " thread" : " threads");
    }
}
