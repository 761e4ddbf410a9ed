package dev.sweep.worker.service;

import dev.sweep.common.metrics.MetricNames;
import dev.sweep.worker.train.MemoryProbe;
import dev.sweep.worker.train.TrainingListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * A worker's meters: step time as a histogram (quantiles in PromQL), throughput, loss and
 * learning rate of the trial it trains, JVM and resident memory, GPU memory where there is a
 * GPU, trials by outcome, and the Kafka clients' own metrics. Labels: worker and device only.
 */
final class WorkerMetrics {
    private final MeterRegistry registry;
    private final Tags tags;
    private final Timer steps;
    private volatile double samplesPerSecond;
    private volatile double loss = Double.NaN;
    private volatile double lr;
    private volatile double busy;

    WorkerMetrics(MeterRegistry registry, String worker, String device, ToDoubleFunction<String> gpuMemory) {
        this.registry = registry;
        this.tags = Tags.of("worker", worker, "device", device);
        this.steps = Timer.builder(MetricNames.STEP_TIME).tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
        Gauge.builder(MetricNames.SAMPLES_PER_SECOND, this, m -> m.samplesPerSecond).tags(tags).register(registry);
        Gauge.builder(MetricNames.TRAIN_LOSS, this, m -> m.loss).tags(tags).register(registry);
        Gauge.builder(MetricNames.LEARNING_RATE, this, m -> m.lr).tags(tags).register(registry);
        Gauge.builder(MetricNames.BUSY, this, m -> m.busy).tags(tags).register(registry);
        Gauge.builder(MetricNames.RESIDENT_BYTES, this, m -> MemoryProbe.residentBytes()).tags(tags)
                .baseUnit("bytes").register(registry);
        if (!device.equals("cpu")) {
            Gauge.builder(MetricNames.GPU_MEMORY, device, gpuMemory).tags(tags).baseUnit("bytes").register(registry);
        }
        new JvmMemoryMetrics(tags).bindTo(registry);
    }

    void bind(Consumer<?, ?> consumer, Producer<?, ?> producer) {
        new KafkaClientMetrics(consumer, tags).bindTo(registry);
        new KafkaClientMetrics(producer, tags).bindTo(registry);
    }

    void busy(boolean isBusy) {
        busy = isBusy ? 1 : 0;
    }

    void finished(String outcome) {
        Counter.builder(MetricNames.WORKER_TRIALS).tags(tags.and("outcome", outcome)).register(registry).increment();
    }

    /** Feeds the meters from the training loop. */
    TrainingListener listener() {
        return new TrainingListener() {
            @Override
            public void onProgress(Progress p) {
                samplesPerSecond = p.samplesPerSecond();
                loss = p.loss();
                lr = p.lr();
            }

            @Override
            public void onStep(double millis) {
                steps.record(Duration.ofNanos((long) (millis * 1e6)));
            }
        };
    }
}
