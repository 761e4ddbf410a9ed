package dev.sweep.worker.cli;

/**
 * Engine settings that PyTorch reads once, when the engine starts: they must be set before the
 * first NDArray is made.
 */
final class EngineSettings {
    private EngineSettings() {}

    static void apply(int threads) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
