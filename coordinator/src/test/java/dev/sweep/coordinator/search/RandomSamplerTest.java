package dev.sweep.coordinator.search;

class RandomSamplerTest extends SamplerContract {
    @Override
    Sampler sampler(long seed) {
        return new RandomSampler(seed);
    }
}
