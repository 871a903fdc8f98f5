package dev.sluice.persistence.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.persistence.cache.RedisResponseStore;
import dev.sluice.persistence.cdc.CdcMetrics;
import dev.sluice.persistence.erasure.ErasurePropagator;
import dev.sluice.persistence.sink.CompletionSink;
import dev.sluice.persistence.sink.SinkSettings;
import dev.sluice.persistence.testing.EmbeddedPostgresServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The persistence meters, rendered by the same Prometheus registry the app uses, carry exactly
 * the names the dashboard (and {@link DashboardTest#KNOWN}) expects.
 */
class PersistenceMetricNamesTest {

    @Test
    void persistenceMetersRenderWithThePrometheusNamesTheDashboardUses() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
                CdcMetrics cdc =
                        new CdcMetrics(registry, postgres.dataSource(), "no_such_slot", Duration.ofSeconds(1));
                CompletionSink sink = new CompletionSink(
                        "names", SinkSettings.defaults("127.0.0.1:9", "names"), batch -> List.of(), registry)) {
            // Their meters are registered at construction; the collaborators are not touched.
            new RedisResponseStore(null, Duration.ofHours(1), Clock.systemUTC(), registry);
            new ErasurePropagator(null, null, Duration.ofHours(1), registry);
            // Per table and operation, registered on the first change event.
            registry.counter("sluice.cdc.events", "table", "messages", "op", "c");

            Set<String> names = names(registry.scrape());
            assertThat(names)
                    .contains(
                            "sluice_persistence_completions_total",
                            "sluice_persistence_write_failures_total",
                            "sluice_persistence_batch_size_bucket",
                            "sluice_persistence_write_seconds_bucket",
                            "sluice_persistence_cache_writes_total",
                            "sluice_persistence_erasures_total",
                            "sluice_cdc_lag_seconds",
                            "sluice_cdc_slot_lag_bytes",
                            "sluice_cdc_events_total");
            for (String name : names) {
                if (name.startsWith("sluice_")) assertThat(DashboardTest.KNOWN).contains(DashboardTest.baseName(name));
            }
        }
    }

    private static Set<String> names(String scrape) {
        Matcher m = Pattern.compile("(?m)^(sluice_[a-z0-9_]+)").matcher(scrape);
        return m.results().map(r -> r.group(1)).collect(Collectors.toSet());
    }
}
