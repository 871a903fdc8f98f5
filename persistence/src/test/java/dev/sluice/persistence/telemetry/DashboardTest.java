package dev.sluice.persistence.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.serde.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard in {@code infra/} is a dashboard JSON model whose every query reads a
 * metric some role actually exports, so a renamed metric fails here rather than as an empty
 * panel in production.
 */
class DashboardTest {
    private static final Path DASHBOARD = Path.of("..", "infra", "grafana", "sluice-dashboard.json");
    private static final Pattern SLUICE_METRIC = Pattern.compile("\\bsluice_[a-z0-9_]+");
    private static final Pattern HISTOGRAM_SERIES = Pattern.compile("_(bucket|count|sum|max)$");

    /** What the chat path exports (lead's roles) and what persistence exports. */
    static final Set<String> KNOWN = Set.of(
            "sluice_requests_total",
            "sluice_time_to_first_token_seconds",
            "sluice_inter_token_latency_seconds",
            "sluice_request_duration_seconds",
            "sluice_generation_tokens_total",
            "sluice_prompt_tokens_total",
            "sluice_queue_wait_seconds",
            "sluice_batch_size",
            "sluice_cache_requests_total",
            "sluice_guard_decisions_total",
            "sluice_pii_entities_total",
            "sluice_ratelimit_rejections_total",
            "sluice_kafka_consumer_lag",
            // persistence
            "sluice_persistence_completions_total",
            "sluice_persistence_write_failures_total",
            "sluice_persistence_batch_size",
            "sluice_persistence_write_seconds",
            "sluice_persistence_cache_writes_total",
            "sluice_persistence_erasures_total",
            "sluice_cdc_lag_seconds",
            "sluice_cdc_slot_lag_bytes",
            "sluice_cdc_events_total",
            // crypto-shredding
            "sluice_erasure_confirmation_seconds",
            "sluice_crypto_records_shredded_total");

    private static JsonNode dashboard() throws Exception {
        assertThat(DASHBOARD).as("dashboard file").exists();
        return Json.MAPPER.readTree(Files.readString(DASHBOARD));
    }

    private static List<JsonNode> queryPanels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels"))
            if (!"row".equals(p.path("type").asString())) panels.add(p);
        return panels;
    }

    static String baseName(String series) {
        return HISTOGRAM_SERIES.matcher(series).replaceFirst("");
    }

    @Test
    void isADashboardModelWithUniquePanelIdsAndGridPositions() throws Exception {
        JsonNode d = dashboard();
        assertThat(d.path("title").asString()).isNotBlank();
        assertThat(d.path("uid").asString()).isNotBlank();
        assertThat(d.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(30);
        List<Integer> ids =
                d.path("panels").valueStream().map(p -> p.path("id").asInt()).toList();
        assertThat(ids).doesNotHaveDuplicates().doesNotContain(0);
        for (JsonNode p : d.path("panels")) {
            assertThat(p.path("gridPos").path("w").asInt())
                    .as("width of %s", p.path("title"))
                    .isBetween(1, 24);
            assertThat(p.path("gridPos").path("h").asInt())
                    .as("height of %s", p.path("title"))
                    .isPositive();
        }
    }

    @Test
    void everyPanelQueryNamesAnExportedMetric() throws Exception {
        List<JsonNode> panels = queryPanels(dashboard());
        assertThat(panels).isNotEmpty();
        for (JsonNode panel : panels) {
            JsonNode targets = panel.path("targets");
            assertThat(targets.size()).as("queries of %s", panel.path("title")).isPositive();
            for (JsonNode target : targets) {
                String expr = target.path("expr").asString();
                Matcher m = SLUICE_METRIC.matcher(expr);
                List<String> names = new ArrayList<>();
                while (m.find()) names.add(baseName(m.group()));
                assertThat(names).as("metrics in %s", expr).isNotEmpty();
                assertThat(KNOWN).as("known metrics, for %s", expr).containsAll(names);
            }
        }
    }

    @Test
    void hasThePanelsAnOperatorNeedsFirst() throws Exception {
        List<String> titles = queryPanels(dashboard()).stream()
                .map(p -> p.path("title").asString().toLowerCase())
                .toList();
        for (String wanted : List.of(
                "request rate by outcome",
                "time to first token",
                "inter-token latency",
                "tokens per second",
                "cache hit ratio",
                "guard blocks by check",
                "kafka consumer lag",
                "cdc lag")) {
            assertThat(titles).as("panel titles").anyMatch(t -> t.contains(wanted));
        }
    }
}
