package dev.sweep.worker.tricks;

import dev.sweep.worker.train.StepContext;
import dev.sweep.worker.train.TrainingSetup;

/**
 * Multi-sample dropout ({@code multi_sample_dropout}, Inoue 2019): in training the head averages
 * its projection over K dropout samples of the pooled vector; evaluation is unchanged.
 */
final class MultiSampleDropout implements TrainingSetup {
    private final int samples;
    private final float rate;

    MultiSampleDropout(int samples, double rate) {
        this.samples = samples;
        this.rate = (float) rate;
    }

    @Override
    public void beforeTraining(StepContext context) {
        context.model().head().useDropoutSamples(samples, rate);
    }
}
