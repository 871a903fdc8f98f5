package dev.sluice.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.metrics.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dotted meter names export under the Prometheus names dashboards, alerts and the README use
 * (they were registered under those names before the one naming rule): each name registered as
 * the kind of meter the code registers, scraped, and compared with the name Prometheus sees.
 */
class MeterNamesExportTest {
    enum Kind {
        COUNTER,
        TIMER,
        GAUGE,
        SUMMARY,
        GAUGE_SECONDS,
        GAUGE_BYTES
    }

    /** Dotted name → (kind, exported name). */
    private static final Map<String, Map.Entry<Kind, String>> EXPORTED = new LinkedHashMap<>();

    static {
        put(MeterNames.REQUESTS, Kind.COUNTER, "sluice_requests_total");
        put(MeterNames.TIME_TO_FIRST_TOKEN, Kind.TIMER, "sluice_time_to_first_token_seconds");
        put(MeterNames.INTER_TOKEN_LATENCY, Kind.TIMER, "sluice_inter_token_latency_seconds");
        put(MeterNames.REQUEST_DURATION, Kind.TIMER, "sluice_request_duration_seconds");
        put(MeterNames.QUEUE_WAIT, Kind.TIMER, "sluice_queue_wait_seconds");
        put(MeterNames.GENERATION_TOKENS, Kind.COUNTER, "sluice_generation_tokens_total");
        put(MeterNames.PROMPT_TOKENS, Kind.COUNTER, "sluice_prompt_tokens_total");
        put(MeterNames.STREAM_CHUNK_EVENTS, Kind.COUNTER, "sluice_stream_chunk_events_total");
        put(MeterNames.BATCH_SIZE, Kind.SUMMARY, "sluice_batch_size");
        put(MeterNames.ENGINE_SEQUENCES_RUNNING, Kind.GAUGE, "sluice_engine_sequences_running");
        put(MeterNames.ENGINE_SEQUENCES_WAITING, Kind.GAUGE, "sluice_engine_sequences_waiting");
        put(MeterNames.ENGINE_SLOTS_BUSY, Kind.GAUGE, "sluice_engine_slots_busy");
        put(MeterNames.ENGINE_SLOTS_WAITING, Kind.GAUGE, "sluice_engine_slots_waiting");
        put(MeterNames.ENGINE_TOKENS_SAMPLED, Kind.COUNTER, "sluice_engine_tokens_sampled_total");
        put(MeterNames.ENGINE_PROMPT_TOKENS_REUSED, Kind.COUNTER, "sluice_engine_prompt_tokens_reused_total");
        put(MeterNames.ENGINE_PROMPT_TOKENS_DECODED, Kind.COUNTER, "sluice_engine_prompt_tokens_decoded_total");
        put(MeterNames.GATEWAY_ADMISSION, Kind.TIMER, "sluice_gateway_admission_seconds");
        put(MeterNames.RATELIMIT_REJECTIONS, Kind.COUNTER, "sluice_ratelimit_rejections_total");
        put(MeterNames.RATELIMIT_REDIS_ERRORS, Kind.COUNTER, "sluice_ratelimit_redis_errors_total");
        put(MeterNames.BRIDGE_EVENTS_ROUTED, Kind.COUNTER, "sluice_bridge_events_routed_total");
        put(MeterNames.BRIDGE_EVENTS_SKIPPED, Kind.COUNTER, "sluice_bridge_events_skipped_total");
        put(MeterNames.BRIDGE_DELIVERY_LATENCY, Kind.TIMER, "sluice_bridge_delivery_latency_seconds");
        put(MeterNames.BRIDGE_OPEN_STREAMS, Kind.GAUGE, "sluice_bridge_open_streams");
        put(MeterNames.BRIDGE_PARTITIONS_READ, Kind.GAUGE, "sluice_bridge_partitions_read");
        put(MeterNames.BRIDGE_PARTITIONS_OWNED, Kind.GAUGE, "sluice_bridge_partitions_owned");
        put(MeterNames.BRIDGE_ROUTER_POLLS, Kind.COUNTER, "sluice_bridge_router_polls_total");
        put(MeterNames.BRIDGE_SLOW_CONSUMERS, Kind.COUNTER, "sluice_bridge_slow_consumers_total");
        put(MeterNames.BRIDGE_ABANDONED_CANCELLED, Kind.COUNTER, "sluice_bridge_abandoned_cancelled_total");
        put(MeterNames.CACHE_REQUESTS, Kind.COUNTER, "sluice_cache_requests_total");
        put(MeterNames.CACHE_LOOKUP, Kind.TIMER, "sluice_cache_lookup_seconds");
        put(MeterNames.GUARD_DECISIONS, Kind.COUNTER, "sluice_guard_decisions_total");
        put(MeterNames.PII_ENTITIES, Kind.COUNTER, "sluice_pii_entities_total");
        put(MeterNames.PERSISTENCE_COMPLETIONS, Kind.COUNTER, "sluice_persistence_completions_total");
        put(MeterNames.PERSISTENCE_WRITE, Kind.TIMER, "sluice_persistence_write_seconds");
        put(MeterNames.PERSISTENCE_WRITE_FAILURES, Kind.COUNTER, "sluice_persistence_write_failures_total");
        put(MeterNames.PERSISTENCE_BATCH_SIZE, Kind.SUMMARY, "sluice_persistence_batch_size");
        put(MeterNames.PERSISTENCE_CACHE_WRITES, Kind.COUNTER, "sluice_persistence_cache_writes_total");
        put(MeterNames.PERSISTENCE_ERASURES, Kind.COUNTER, "sluice_persistence_erasures_total");
        put(MeterNames.CDC_LAG, Kind.GAUGE_SECONDS, "sluice_cdc_lag_seconds");
        put(MeterNames.CDC_SLOT_LAG, Kind.GAUGE_BYTES, "sluice_cdc_slot_lag_bytes");
        put(MeterNames.CDC_EVENTS, Kind.COUNTER, "sluice_cdc_events_total");
        put(MeterNames.CRYPTO_RECORDS_SHREDDED, Kind.COUNTER, "sluice_crypto_records_shredded_total");
        put(MeterNames.CRYPTO_KEY_STORE_CALLS, Kind.COUNTER, "sluice_crypto_key_store_calls_total");
        put(MeterNames.CRYPTO_KEY_STORE_STATEMENTS, Kind.COUNTER, "sluice_crypto_key_store_statements_total");
        put(MeterNames.ERASURE_CONFIRMATION, Kind.TIMER, "sluice_erasure_confirmation_seconds");
    }

    private static void put(String name, Kind kind, String exported) {
        EXPORTED.put(name, Map.entry(kind, exported));
    }

    @Test
    void everyMeterNameExportsUnderItsPrometheusName() {
        for (Map.Entry<String, Map.Entry<Kind, String>> e : EXPORTED.entrySet()) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            register(registry, e.getKey(), e.getValue().getKey());

            assertThat(exportedNames(registry.scrape()))
                    .as(e.getKey())
                    .contains(e.getValue().getValue());
        }
    }

    @Test
    void everyNameFollowsTheDottedRuleAndIsChecked() throws IllegalAccessException {
        Set<String> declared = new TreeSet<>();
        for (Field f : MeterNames.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) declared.add((String) f.get(null));
        }

        assertThat(declared)
                .allMatch(n -> n.matches("sluice(\\.[a-z0-9]+)+") && !n.endsWith(".total") && !n.endsWith(".seconds"));
        assertThat(EXPORTED.keySet()).containsExactlyInAnyOrderElementsOf(declared);
    }

    private static void register(PrometheusMeterRegistry registry, String name, Kind kind) {
        switch (kind) {
            case COUNTER -> Counter.builder(name).register(registry).increment();
            case TIMER -> Timer.builder(name).register(registry).record(java.time.Duration.ofMillis(1));
            case GAUGE -> Gauge.builder(name, () -> 1).register(registry);
            case GAUGE_SECONDS ->
                Gauge.builder(name, () -> 1).baseUnit("seconds").register(registry);
            case GAUGE_BYTES -> Gauge.builder(name, () -> 1).baseUnit("bytes").register(registry);
            case SUMMARY -> DistributionSummary.builder(name).register(registry).record(1);
        }
    }

    private static Set<String> exportedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^# TYPE (\\S+) ").matcher(scrape);
        while (m.find()) names.add(m.group(1));
        Arrays.stream(scrape.split("\n"))
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]")[0])
                .forEach(names::add);
        return names;
    }
}
