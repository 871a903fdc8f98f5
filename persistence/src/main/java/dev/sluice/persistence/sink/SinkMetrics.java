package dev.sluice.persistence.sink;

import dev.sluice.schemas.metrics.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one {@link CompletionSink}, tagged {@code sink} with its name: completions stored
 * and dead-lettered, failed batch writes, and each batch's size and write time.
 */
record SinkMetrics(
        Counter stored, Counter deadLettered, Counter writeFailures, DistributionSummary batchSize, Timer writeTime) {

    static SinkMetrics register(String sink, MeterRegistry registry) {
        return new SinkMetrics(
                Counter.builder(MeterNames.PERSISTENCE_COMPLETIONS)
                        .tag("sink", sink)
                        .tag("outcome", "stored")
                        .description("Completions taken by a persistence sink")
                        .register(registry),
                Counter.builder(MeterNames.PERSISTENCE_COMPLETIONS)
                        .tag("sink", sink)
                        .tag("outcome", "dead_letter")
                        .description("Completions taken by a persistence sink")
                        .register(registry),
                Counter.builder(MeterNames.PERSISTENCE_WRITE_FAILURES)
                        .tag("sink", sink)
                        .description("Batches whose write failed and will be retried")
                        .register(registry),
                DistributionSummary.builder(MeterNames.PERSISTENCE_BATCH_SIZE)
                        .tag("sink", sink)
                        .description("Completions written per transaction")
                        .publishPercentileHistogram()
                        .register(registry),
                Timer.builder(MeterNames.PERSISTENCE_WRITE)
                        .tag("sink", sink)
                        .description("Time to write one batch")
                        .publishPercentileHistogram()
                        .register(registry));
    }
}
