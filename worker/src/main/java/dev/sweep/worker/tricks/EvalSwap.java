package dev.sweep.worker.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts other weights (an average) into the model for an evaluation and the trained ones back
 * after it, bit-exact, so training continues on the raw weights.
 */
final class EvalSwap {
    private final List<NDArray> live;
    private final List<NDArray> backup = new ArrayList<>();

    EvalSwap(List<NDArray> live, NDManager manager) {
        this.live = live;
        for (NDArray w : live) {
            backup.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        }
    }

    void swapIn(List<NDArray> replacement) {
        for (int i = 0; i < live.size(); i++) {
            Weights.copyInto(backup.get(i), live.get(i));
            Weights.copyInto(live.get(i), replacement.get(i));
        }
    }

    void restore() {
        for (int i = 0; i < live.size(); i++) {
            Weights.copyInto(live.get(i), backup.get(i));
        }
    }
}
