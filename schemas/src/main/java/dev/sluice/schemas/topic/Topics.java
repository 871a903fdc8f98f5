package dev.sluice.schemas.topic;

import dev.sluice.schemas.crypto.EventSealing;
import dev.sluice.schemas.event.CancelRequested;
import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.ConversationErased;
import dev.sluice.schemas.event.DeadLetter;
import dev.sluice.schemas.event.ModelAnnounced;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.serde.JsonSerde;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The topic registry: every topic Sluice reads or writes, with its key, value and settings. */
public final class Topics {
    private static final Serde<String> KEY = Serdes.String();
    private static final String DELETE = TopicConfig.CLEANUP_POLICY_DELETE;

    /** Raw requests, unmasked but sealed: short retention (replay window for the topology only). */
    public static final TopicSpec<String, ChatRequested> CHAT_REQUESTS = new TopicSpec<>(
            "chat.requests",
            KEY,
            new JsonSerde<>(ChatRequested.class),
            6,
            Duration.ofHours(24),
            DELETE,
            EventSealing.REQUESTS);

    public static final TopicSpec<String, PromptReady> CHAT_PROMPTS = new TopicSpec<>(
            "chat.prompts",
            KEY,
            new JsonSerde<>(PromptReady.class),
            6,
            Duration.ofDays(7),
            DELETE,
            EventSealing.PROMPTS);

    /** Every token; kept long enough to resume a finished stream (default window 1 h) with margin. */
    public static final TopicSpec<String, StreamEvent> CHAT_STREAM = new TopicSpec<>(
            "chat.stream",
            KEY,
            new JsonSerde<>(StreamEvent.class),
            6,
            Duration.ofHours(6),
            DELETE,
            EventSealing.STREAM);

    public static final TopicSpec<String, CompletionRecorded> CHAT_COMPLETIONS = new TopicSpec<>(
            "chat.completions",
            KEY,
            new JsonSerde<>(CompletionRecorded.class),
            6,
            Duration.ofDays(30),
            DELETE,
            EventSealing.COMPLETIONS);

    public static final TopicSpec<String, CancelRequested> CHAT_CANCELLATIONS = new TopicSpec<>(
            "chat.cancellations", KEY, new JsonSerde<>(CancelRequested.class), 6, Duration.ofHours(6), DELETE);

    /** Compacted: the latest announcement per model id. */
    public static final TopicSpec<String, ModelAnnounced> MODELS = new TopicSpec<>(
            "sluice.models",
            KEY,
            new JsonSerde<>(ModelAnnounced.class),
            1,
            Duration.ZERO,
            TopicConfig.CLEANUP_POLICY_COMPACT);

    /**
     * A dead letter's value is the failed record's value as it was on its topic: sealed there, so
     * sealed here (an erasure reaches it too); empty for {@code chat.requests}.
     */
    public static final TopicSpec<String, DeadLetter> DEAD_LETTER =
            new TopicSpec<>("chat.deadletter", KEY, new JsonSerde<>(DeadLetter.class), 1, Duration.ofDays(30), DELETE);

    /**
     * Erasure requests that reached the database. Same partition count as
     * {@code chat.completions} so a consumer keyed by conversation can co-partition the two.
     */
    public static final TopicSpec<String, ConversationErased> CHAT_ERASURES = new TopicSpec<>(
            "chat.erasures", KEY, new JsonSerde<>(ConversationErased.class), 6, Duration.ofDays(30), DELETE);

    /**
     * Debezium change events of the conversation tables (JSON, no embedded schema), keyed by the
     * row id. The capture leaves out message content and titles, so an erased conversation
     * leaves no user text behind here.
     */
    public static final TopicSpec<String, String> AUDIT =
            new TopicSpec<>("sluice.audit", KEY, Serdes.String(), 6, Duration.ofDays(365), DELETE);

    public static List<TopicSpec<?, ?>> all() {
        return List.of(
                CHAT_REQUESTS,
                CHAT_PROMPTS,
                CHAT_STREAM,
                CHAT_COMPLETIONS,
                CHAT_CANCELLATIONS,
                MODELS,
                DEAD_LETTER,
                CHAT_ERASURES,
                AUDIT);
    }

    private Topics() {}
}
