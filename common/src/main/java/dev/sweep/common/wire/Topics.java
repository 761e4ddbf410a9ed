package dev.sweep.common.wire;

/** The Kafka topics of the protocol (DESIGN.md, wire protocol). */
public final class Topics {
    /** Trials to train; key trial id; the workers share one consumer group. */
    public static final String TRIALS = "sweep.trials";
    /** Everything that happens to a trial; key trial id; the coordinator's state is derived from it. */
    public static final String EVENTS = "sweep.events";
    /** Cancel and stop requests; key sweep id; every worker reads all of it (a group of its own). */
    public static final String CONTROL = "sweep.control";
    /** Trials that failed for good, with the reason. */
    public static final String DEAD = "sweep.dead";
    /** Worker heartbeats: idle or busy, and the trial partitions each owns; key worker id. */
    public static final String WORKERS = "sweep.workers";
    /** The workers' consumer group on {@link #TRIALS}. */
    public static final String WORKER_GROUP = "sweep-workers";

    private Topics() {}
}
