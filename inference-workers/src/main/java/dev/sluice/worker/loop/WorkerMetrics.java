package dev.sluice.worker.loop;

import dev.sluice.schemas.metrics.MeterNames;
import dev.sluice.worker.engine.GenerationResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The worker's metrics, named after vLLM's and OpenTelemetry GenAI's, with LLM-sized buckets. */
final class WorkerMetrics {
    private final MeterRegistry meters;
    private final Timer ttft;
    private final Timer itl;
    private final Timer duration;
    private final Timer queueWait;
    private final Counter generated;
    private final Counter promptTokens;
    private final Counter chunkEvents;
    private final DistributionSummary batch;
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger waiting = new AtomicInteger();

    WorkerMetrics(MeterRegistry meters) {
        this.meters = meters;
        ttft = Timer.builder(MeterNames.TIME_TO_FIRST_TOKEN)
                .description("accepted by the gateway to first token produced")
                .serviceLevelObjectives(
                        ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000), ms(2500), ms(5000),
                        ms(10000))
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        itl = Timer.builder(MeterNames.INTER_TOKEN_LATENCY)
                .serviceLevelObjectives(ms(1), ms(2), ms(5), ms(10), ms(20), ms(50), ms(100), ms(200), ms(500))
                .register(meters);
        duration = Timer.builder(MeterNames.REQUEST_DURATION)
                .serviceLevelObjectives(ms(100), ms(500), ms(1000), ms(2500), ms(5000), ms(10000), ms(30000), ms(60000))
                .register(meters);
        queueWait = Timer.builder(MeterNames.QUEUE_WAIT)
                .description("prompt routed to generation started")
                .serviceLevelObjectives(ms(1), ms(5), ms(10), ms(50), ms(100), ms(500), ms(1000), ms(5000))
                .register(meters);
        generated = Counter.builder(MeterNames.GENERATION_TOKENS).register(meters);
        promptTokens = Counter.builder(MeterNames.PROMPT_TOKENS).register(meters);
        chunkEvents = Counter.builder(MeterNames.STREAM_CHUNK_EVENTS)
                .description(
                        "chunk events produced to chat.stream; generation tokens / this = tokens per event (coalescing)")
                .register(meters);
        batch = DistributionSummary.builder(MeterNames.BATCH_SIZE)
                .description("sequences running when one starts")
                .serviceLevelObjectives(1, 2, 4, 8, 16)
                .register(meters);
        meters.gauge(MeterNames.ENGINE_SEQUENCES_RUNNING, running);
        meters.gauge(MeterNames.ENGINE_SEQUENCES_WAITING, waiting);
    }

    private static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }

    void started(long queueWaitMs, int runningNow) {
        queueWait.record(Math.max(0, queueWaitMs), TimeUnit.MILLISECONDS);
        batch.record(runningNow);
    }

    void firstToken(long sinceAcceptedMs) {
        ttft.record(Math.max(0, sinceAcceptedMs), TimeUnit.MILLISECONDS);
    }

    void interToken(double seconds) {
        itl.record((long) (seconds * 1e9), TimeUnit.NANOSECONDS);
    }

    void completed(GenerationResult result, long sinceAcceptedMs) {
        generated.increment(result.completionTokens());
        promptTokens.increment(result.promptTokens());
        duration.record(sinceAcceptedMs, TimeUnit.MILLISECONDS);
        // The same tag keys as failed(): Prometheus refuses a second set of keys under one name, and then drops every
        // error count.
        meters.counter(MeterNames.REQUESTS, "outcome", result.finishReason(), "code", "none")
                .increment();
    }

    void chunkEvents(long n) {
        chunkEvents.increment(n);
    }

    void failed(String code) {
        meters.counter(MeterNames.REQUESTS, "outcome", "error", "code", code).increment();
    }
}
