package dev.sweep.coordinator.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The gaps between one worker's consecutive trials, where scheduling overhead comes from. For
 * each trial after a worker's first: from the previous trial's completion (its completed event's
 * time) to the coordinator publishing the next one to it; from the worker's idle heartbeat (what
 * the coordinator waits for) to that publish; and from the completion to the next trial's arrival.
 */
record DispatchGaps(double[] completionToDispatchMs, double[] idleToDispatchMs, double[] completionToArrivalMs) {
    static DispatchGaps of(List<List<SimulatedWorker.Served>> byWorker) {
        List<Double> dispatch = new ArrayList<>();
        List<Double> reaction = new ArrayList<>();
        List<Double> arrival = new ArrayList<>();
        for (List<SimulatedWorker.Served> served : byWorker) {
            for (int i = 1; i < served.size(); i++) {
                SimulatedWorker.Served prev = served.get(i - 1);
                SimulatedWorker.Served next = served.get(i);
                dispatch.add((double) (next.dispatchedAt() - prev.completedAt()));
                reaction.add((double) (next.dispatchedAt() - prev.idleAt()));
                arrival.add((double) (next.receivedAt() - prev.completedAt()));
            }
        }
        return new DispatchGaps(unbox(dispatch), unbox(reaction), unbox(arrival));
    }

    int size() {
        return completionToDispatchMs.length;
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
