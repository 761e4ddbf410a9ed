package dev.sweep.coordinator.bench;

/**
 * The shortest possible makespan of {@code trials} trials of {@code trialSeconds} each on
 * {@code workers} workers that never wait for a scheduler: {@code ceil(trials / workers)} rounds
 * of one trial each. Ray Tune's release test of 10,000 one-second trials on 16 CPUs compares its
 * measured time with this figure the same way.
 */
public record IdealSchedule(int trials, int workers, double trialSeconds) {
    public IdealSchedule {
        if (trials < 1 || workers < 1) {
            throw new IllegalArgumentException("an ideal schedule needs at least one trial and one worker, but got "
                    + trials + " trials and " + workers + " workers");
        }
        if (!(trialSeconds > 0) || Double.isInfinite(trialSeconds)) {
            throw new IllegalArgumentException("trial seconds must be a positive number, but got " + trialSeconds);
        }
    }

    /** Rounds of one trial per worker: the last round may be partly empty. */
    public long rounds() {
        return (trials + (long) workers - 1) / workers;
    }

    public double makespanSeconds() {
        return rounds() * trialSeconds;
    }

    /** How much longer the measured makespan is than the ideal, as a fraction (0.14 = 14%). */
    public double overhead(double measuredSeconds) {
        if (!(measuredSeconds >= 0)) {
            throw new IllegalArgumentException("a measured makespan must be >= 0 seconds, but got " + measuredSeconds);
        }
        return measuredSeconds / makespanSeconds() - 1;
    }
}
