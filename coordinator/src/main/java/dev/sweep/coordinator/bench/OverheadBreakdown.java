package dev.sweep.coordinator.bench;

import java.util.List;

/**
 * Where a run's time beyond the ideal schedule went, from the workers' own records: how long the
 * workers waited for their first trial, the gaps between one worker's trials (their mean, which is
 * what adds up, and the total of the worker that waited most), how evenly the trials were spread,
 * and how long the loop took to see the last result and end.
 *
 * @param medianFirstArrivalMs the sweep's start to a worker's first trial arriving, the median over workers
 * @param maxFirstArrivalMs the same for the worker that waited longest
 * @param meanGapMs the mean of every gap between a worker's trial completing and its next arriving
 * @param maxWorkerGapsMs the largest sum of one worker's gaps
 * @param fewestTrials trials served by the worker that served fewest
 * @param mostTrials trials served by the worker that served most
 * @param endMs the last trial's completion to the loop's end
 */
record OverheadBreakdown(double medianFirstArrivalMs, double maxFirstArrivalMs, double meanGapMs, double maxWorkerGapsMs,
        int fewestTrials, int mostTrials, double endMs) {

    /**
     * @param startMs wall time the coordinator's loop started
     * @param endMs wall time it returned
     * @param byWorker each worker's trials in the order it served them
     * @throws IllegalArgumentException if no worker served a trial
     */
    static OverheadBreakdown of(long startMs, long endMs, List<List<SimulatedWorker.Served>> byWorker) {
        List<List<SimulatedWorker.Served>> serving = byWorker.stream().filter(w -> !w.isEmpty()).toList();
        if (serving.isEmpty()) {
            throw new IllegalArgumentException("no worker served a trial: nothing to break down");
        }
        double[] first = new double[serving.size()];
        double gapSum = 0;
        long gaps = 0;
        double maxWorkerGaps = 0;
        long lastCompletion = Long.MIN_VALUE;
        int fewest = Integer.MAX_VALUE;
        int most = 0;
        for (int w = 0; w < serving.size(); w++) {
            List<SimulatedWorker.Served> served = serving.get(w);
            first[w] = served.get(0).receivedAt() - startMs;
            double workerGaps = 0;
            for (int i = 1; i < served.size(); i++) {
                workerGaps += served.get(i).receivedAt() - served.get(i - 1).completedAt();
                gaps++;
            }
            gapSum += workerGaps;
            maxWorkerGaps = Math.max(maxWorkerGaps, workerGaps);
            lastCompletion = Math.max(lastCompletion, served.get(served.size() - 1).completedAt());
            most = Math.max(most, served.size());
        }
        for (List<SimulatedWorker.Served> served : byWorker) {
            fewest = Math.min(fewest, served.size()); // a worker that served nothing counts: 0
        }
        Percentiles p = new Percentiles(first);
        return new OverheadBreakdown(p.median(), p.max(), gaps == 0 ? 0 : gapSum / gaps, maxWorkerGaps, fewest, most,
                endMs - lastCompletion);
    }
}
