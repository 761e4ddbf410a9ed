package dev.sweep.coordinator.state;

import dev.sweep.common.wire.WorkerStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The workers as their heartbeats tell them: the latest status of each. */
public final class WorkerRoster {
    private final Map<String, WorkerStatus> latest = new LinkedHashMap<>();

    public void apply(WorkerStatus status) {
        WorkerStatus prior = latest.get(status.workerId());
        if (prior == null || status.time() >= prior.time()) {
            latest.put(status.workerId(), status);
        }
    }

    /** Workers whose last word, no older than {@code staleAfterMs}, is that they are idle and own partitions. */
    public List<WorkerStatus> idle(long now, long staleAfterMs) {
        List<WorkerStatus> out = new ArrayList<>();
        for (WorkerStatus s : latest.values()) {
            if (s.state() == WorkerStatus.State.IDLE && !s.partitions().isEmpty() && now - s.time() <= staleAfterMs) {
                out.add(s);
            }
        }
        return out;
    }

    /** Workers heard from within {@code staleAfterMs} that have not said they stopped. */
    public long alive(long now, long staleAfterMs) {
        return latest.values().stream()
                .filter(s -> s.state() != WorkerStatus.State.STOPPED && now - s.time() <= staleAfterMs).count();
    }
}
