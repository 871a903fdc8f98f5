package dev.sluice.schemas.crypto;

import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.serde.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

/**
 * What is content in each event: messages, prompt text, tokens, answers, error text. Ids, user,
 * model, sampling, usage, timings, sequence and type stay clear, for routing, dedupe and metrics.
 */
public final class EventSealing {
    private static final TypeReference<List<ChatMessage>> MESSAGES = new TypeReference<>() {};

    /** Associated data: the type's tag and the record's identifying fields, unit-separated. */
    public static byte[] aad(String tag, @Nullable Object... parts) {
        StringBuilder b = new StringBuilder(64).append(tag);
        for (Object p : parts) b.append('\u001f').append(p);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] json(Object value) {
        return Json.MAPPER.writeValueAsBytes(value);
    }

    public static List<ChatMessage> messages(byte[] json) {
        return Json.MAPPER.readValue(json, MESSAGES);
    }

    public static final Sealing<ChatRequested> REQUESTS = new Sealing<>() {
        @Override
        public ContentScope scope(ChatRequested v) {
            return new ContentScope(v.userId(), v.conversationId());
        }

        @Override
        public byte[] associatedData(ChatRequested v) {
            return aad("request", v.conversationId(), v.correlationId(), v.userId());
        }

        @Override
        public byte[] content(ChatRequested v) {
            return json(v.messages());
        }

        @Override
        public ChatRequested strip(ChatRequested v) {
            return new ChatRequested(
                    v.correlationId(),
                    v.conversationId(),
                    v.userId(),
                    v.model(),
                    List.of(),
                    v.sampling(),
                    v.serverHistory(),
                    v.acceptedAtMs());
        }

        @Override
        public ChatRequested restore(ChatRequested v, byte[] content) {
            return new ChatRequested(
                    v.correlationId(),
                    v.conversationId(),
                    v.userId(),
                    v.model(),
                    messages(content),
                    v.sampling(),
                    v.serverHistory(),
                    v.acceptedAtMs());
        }
    };

    private record PromptContent(List<ChatMessage> messages, String prompt) {}

    public static final Sealing<PromptReady> PROMPTS = new Sealing<>() {
        @Override
        public ContentScope scope(PromptReady v) {
            return new ContentScope(v.userId(), v.conversationId());
        }

        @Override
        public byte[] associatedData(PromptReady v) {
            return aad("prompt", v.conversationId(), v.correlationId(), v.userId());
        }

        @Override
        public byte[] content(PromptReady v) {
            return json(new PromptContent(v.messages(), v.prompt()));
        }

        @Override
        @SuppressWarnings(
                "NullAway") // stripped copies are only written as clear JSON, which leaves the null content out;
        // restore() puts it back
        public PromptReady strip(PromptReady v) {
            return new PromptReady(
                    v.correlationId(),
                    v.conversationId(),
                    v.userId(),
                    v.model(),
                    List.of(),
                    null,
                    v.sampling(),
                    v.cacheKey(),
                    v.acceptedAtMs(),
                    v.routedAtMs());
        }

        @Override
        public PromptReady restore(PromptReady v, byte[] content) {
            PromptContent c = Json.MAPPER.readValue(content, PromptContent.class);
            return new PromptReady(
                    v.correlationId(),
                    v.conversationId(),
                    v.userId(),
                    v.model(),
                    c.messages(),
                    c.prompt(),
                    v.sampling(),
                    v.cacheKey(),
                    v.acceptedAtMs(),
                    v.routedAtMs());
        }
    };

    private record AnswerContent(@Nullable String userMessage, String content) {}

    public static final Sealing<CompletionRecorded> COMPLETIONS = new Sealing<>() {
        @Override
        public ContentScope scope(CompletionRecorded v) {
            return new ContentScope(v.userId(), v.conversationId());
        }

        @Override
        public byte[] associatedData(CompletionRecorded v) {
            return aad("completion", v.conversationId(), v.correlationId(), v.userId());
        }

        @Override
        public byte[] content(CompletionRecorded v) {
            return json(new AnswerContent(v.userMessage(), v.content()));
        }

        @Override
        @SuppressWarnings(
                "NullAway") // stripped copies are only written as clear JSON, which leaves the null content out;
        // restore() puts it back
        public CompletionRecorded strip(CompletionRecorded v) {
            return new CompletionRecorded(
                    v.correlationId(),
                    v.conversationId(),
                    v.userId(),
                    v.model(),
                    null,
                    null,
                    v.usage(),
                    v.finishReason(),
                    v.cached(),
                    v.cacheKey(),
                    v.timings());
        }

        @Override
        public CompletionRecorded restore(CompletionRecorded v, byte[] content) {
            AnswerContent c = Json.MAPPER.readValue(content, AnswerContent.class);
            return new CompletionRecorded(
                    v.correlationId(),
                    v.conversationId(),
                    v.userId(),
                    v.model(),
                    c.userMessage(),
                    c.content(),
                    v.usage(),
                    v.finishReason(),
                    v.cached(),
                    v.cacheKey(),
                    v.timings());
        }
    };

    /**
     * The hot path, one event per token or coalesced tokens: a chunk's content is its text as
     * UTF-8 behind a 0 byte; an event with an error message too is JSON behind a 1 byte.
     */
    public static final Sealing<StreamEvent> STREAM = new Sealing<>() {
        @Override
        public @Nullable ContentScope scope(StreamEvent v) {
            return v.conversationId() == null || v.userId() == null
                    ? null
                    : new ContentScope(v.userId(), v.conversationId());
        }

        @Override
        public byte[] associatedData(StreamEvent v) {
            return aad("stream", v.correlationId(), v.seq(), v.type());
        }

        @Override
        public byte @Nullable [] content(StreamEvent v) {
            // An error or block message without a conversation (a request too broken to have one) is
            // the topology's own text, never the user's: it stays clear.
            String text = v.text();
            if (v.message() == null) {
                if (text == null) return null;
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, out, 1, bytes.length);
                return out;
            }
            if (text == null && scope(v) == null) return null;
            byte[] json = json(new @Nullable String[] {text, v.message()});
            byte[] out = new byte[json.length + 1];
            out[0] = 1;
            System.arraycopy(json, 0, out, 1, json.length);
            return out;
        }

        @Override
        public StreamEvent strip(StreamEvent v) {
            return v.withContent(null, null);
        }

        @Override
        public StreamEvent restore(StreamEvent v, byte[] content) {
            if (content.length > 0 && content[0] == 0)
                return v.withContent(new String(content, 1, content.length - 1, StandardCharsets.UTF_8), null);
            String[] parts = Json.MAPPER.readValue(
                    new String(content, 1, content.length - 1, StandardCharsets.UTF_8), String[].class);
            return v.withContent(parts[0], parts[1]);
        }
    };

    private EventSealing() {}
}
