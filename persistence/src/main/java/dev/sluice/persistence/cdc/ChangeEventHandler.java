package dev.sluice.persistence.cdc;

import dev.sluice.persistence.erasure.ErasurePropagator;
import dev.sluice.schemas.lifecycle.Backoff;
import dev.sluice.schemas.serde.Json;
import dev.sluice.schemas.topic.Topics;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Takes each batch of change events from the engine: every row change goes to the audit topic
 * keyed by the row's id, and a deleted conversation starts the erasure of what was derived from
 * it. The engine's offsets move only after the whole batch is acknowledged by Kafka (and the
 * erasures are done), so a crash repeats events but never loses one; a failure is retried with
 * backoff rather than stopping the engine, which would leave the slot to grow.
 */
final class ChangeEventHandler implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {
    private static final Logger log = LoggerFactory.getLogger(ChangeEventHandler.class);

    private final Producer<String, String> producer;
    private final ErasurePropagator erasure;
    private final CdcMetrics metrics;
    private final Clock clock;
    private final BooleanSupplier running;

    ChangeEventHandler(
            Producer<String, String> producer,
            ErasurePropagator erasure,
            CdcMetrics metrics,
            Clock clock,
            BooleanSupplier running) {
        this.producer = producer;
        this.erasure = erasure;
        this.metrics = metrics;
        this.clock = clock;
        this.running = running;
    }

    @Override
    public void handleBatch(
            List<ChangeEvent<String, String>> events,
            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
            throws InterruptedException {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
        while (true) {
            try {
                handle(events);
                break;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!running.getAsBoolean())
                    throw new InterruptedException("audit stream closing with an unhandled batch");
                Duration wait = backoff.next();
                log.warn(
                        "audit stream: {} change events not handled, retrying in {} ms: {}",
                        events.size(),
                        wait.toMillis(),
                        e.toString());
                Thread.sleep(wait.toMillis());
            }
        }
        for (ChangeEvent<String, String> event : events) committer.markProcessed(event);
        committer.markBatchFinished();
    }

    private void handle(List<ChangeEvent<String, String>> events) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        List<JsonNode> erasedConversations = new ArrayList<>();
        long now = clock.millis();
        ChangeEvent<String, String> lastChange = null;
        for (ChangeEvent<String, String> event : events) {
            if (event.value() == null) continue;
            if (event.destination().startsWith("__debezium-heartbeat")) {
                metrics.heartbeat(
                        Json.MAPPER.readTree(event.value()).path("ts_ms").asLong(0), now);
                continue;
            }
            // Parsing every event in full cost as much as the rest of this loop together, so only
            // deletes of conversations (which start an erasure) are parsed; the table comes from
            // the destination and the operation from the envelope's last "op" field.
            String table = event.destination().substring(event.destination().lastIndexOf('.') + 1);
            String op = operation(event.value());
            sent.add(producer.send(new ProducerRecord<>(Topics.AUDIT.name(), rowId(event.key()), event.value())));
            metrics.changeHandled(table, op);
            if ("conversations".equals(table) && "d".equals(op))
                erasedConversations.add(Json.MAPPER.readTree(event.value()));
            lastChange = event;
        }
        if (lastChange != null)
            metrics.caughtUpTo(
                    Json.MAPPER
                            .readTree(lastChange.value())
                            .path("source")
                            .path("ts_ms")
                            .asLong(0),
                    now);
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot write to " + Topics.AUDIT.name(), e.getCause());
            }
        }
        for (JsonNode deleted : erasedConversations) {
            JsonNode before = deleted.path("before");
            erasure.propagate(
                    before.path("id").asString(),
                    before.path("user_id").asString(""),
                    deleted.path("source").path("ts_ms").asLong(clock.millis()));
        }
    }

    /**
     * The envelope's {@code op} ("c", "u", "d", "r", "t"). Its key cannot occur inside a JSON
     * string (quotes there are escaped), and the captured tables have no column named op.
     */
    static String operation(String envelope) {
        int at = envelope.lastIndexOf("\"op\":\"");
        if (at < 0) return "?";
        int start = at + 6;
        int end = envelope.indexOf('"', start);
        return end < 0 ? "?" : envelope.substring(start, end);
    }

    /** The audit key: the row's primary key value ({@code id}, or {@code message_id} for responses). */
    static @Nullable String rowId(@Nullable String keyJson) throws Exception {
        if (keyJson == null) return null;
        JsonNode key = Json.MAPPER.readTree(keyJson);
        if (key.isObject() && key.size() == 1) return key.iterator().next().asString();
        return keyJson;
    }
}
