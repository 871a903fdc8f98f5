package dev.sluice.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.metrics.MeterNames;
import dev.sluice.worker.engine.GenerationResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Prometheus refuses one meter name with two sets of tag keys, so finished and failed requests share theirs. */
class WorkerMetricsTest {

    @Test
    void finishedAndFailedRequestsCountUnderTheSameTagKeys() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WorkerMetrics metrics = new WorkerMetrics(registry);

        metrics.completed(new GenerationResult(3, 5, "stop", 1.0), 10);
        metrics.failed("context_length_exceeded");

        Set<Set<String>> keySets = registry.find(MeterNames.REQUESTS).counters().stream()
                .map(c -> c.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet()))
                .collect(Collectors.toSet());
        assertThat(keySets).containsExactly(Set.of("outcome", "code"));
        assertThat(registry.find(MeterNames.REQUESTS)
                        .tag("code", "context_length_exceeded")
                        .counter())
                .extracting(Counter::count)
                .isEqualTo(1.0);
    }
}
