package dev.sweep.worker.head;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import dev.sweep.worker.tensor.Scalars;

/** The parameter-free poolings over the last layer: cls, masked mean, masked max and masked min. */
enum SimplePooling implements Pooling {
    CLS {
        @Override
        NDArray apply(NDArray last, NDArray mask) {
            return last.get(":, 0, :");
        }
    },
    MEAN {
        @Override
        NDArray apply(NDArray last, NDArray mask) {
            NDArray m = Masks.expand(mask, last);
            // the token count is a whole number: at least 1 only guards an all-padding row (and fits in fp16)
            return last.mul(m).sum(new int[] {1}).div(Scalars.atLeast(m.sum(new int[] {1}), 1));
        }
    },
    MAX {
        @Override
        NDArray apply(NDArray last, NDArray mask) {
            return Masks.fillPadding(last, Masks.expand(mask, last), -1e4f).max(new int[] {1});
        }
    },
    MIN {
        @Override
        NDArray apply(NDArray last, NDArray mask) {
            return Masks.fillPadding(last, Masks.expand(mask, last), 1e4f).min(new int[] {1});
        }
    };

    abstract NDArray apply(NDArray last, NDArray mask);

    @Override
    public NDArray pool(List<NDArray> hiddenStates, NDArray mask, boolean training) {
        return apply(hiddenStates.get(hiddenStates.size() - 1), mask);
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return Map.of();
    }
}
