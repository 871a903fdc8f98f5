package dev.sluice.topology.pipeline;

import static dev.sluice.topology.pipeline.TopologyNames.*;

import dev.sluice.guard.Reason;
import dev.sluice.guard.pii.PiiVault;
import dev.sluice.schemas.cache.CachedResponse;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.ModelAnnounced;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.event.Timings;
import dev.sluice.topology.cache.CacheKeys;
import dev.sluice.topology.cache.CachedReplay;
import dev.sluice.topology.cache.ResponseCache;
import dev.sluice.topology.context.ConversationContext;
import dev.sluice.topology.context.ConversationKey;
import dev.sluice.topology.context.DecodedContextStore;
import dev.sluice.topology.context.HistoryLimits;
import dev.sluice.topology.template.PromptTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request into a prompt: adds the stored history when the client asked for
 * server-side history, records the new turns within the history bound, trims to the model's
 * budget, renders the template and computes the cache key.
 */
final class PreparePromptProcessor implements Processor<String, ChatRequested, String, Object> {
    private static final Logger log = LoggerFactory.getLogger(PreparePromptProcessor.class);
    private final ChatTopology.TopologySettings settings;
    private final ResponseCache cache;
    private final GuardStage guard;
    private KeyValueStore<String, PiiVault.Snapshot> vaults;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, ConversationContext> conversations;
    private KeyValueStore<String, Object> models;

    PreparePromptProcessor(ChatTopology.TopologySettings settings, ResponseCache cache, GuardStage guard) {
        this.settings = settings;
        this.cache = cache;
        this.guard = guard;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.conversations = context.getStateStore(CONTEXT_STORE);
        this.models = context.getStateStore(MODELS_STORE);
        this.vaults = context.getStateStore(VAULT_STORE);
        // A task that was standby (its store restored below the decoded values) starts from the store.
        DecodedContextStore store = DecodedContextStore.of(conversations);
        if (store != null) store.clearDecoded();
        context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, this::expireIdle);
    }

    @Override
    public void close() {
        DecodedContextStore store = conversations == null ? null : DecodedContextStore.of(conversations);
        if (store != null) store.clearDecoded();
    }

    @Override
    public void process(Record<String, ChatRequested> record) {
        ChatRequested request = record.value();
        if (request == null) return;
        String unusable = unusable(request);
        // Thrown, not dropped: the processing exception handler dead-letters it with this reason.
        if (unusable != null) throw new UnusableRequest(unusable);
        long now = context.currentSystemTimeMs();
        // Scoped by user: another user naming the same id reaches only their own state.
        String key = ConversationKey.of(request.userId(), request.conversationId());
        ConversationContext stored = conversations.get(key);
        // Gates first: nothing unmasked is stored, templated or sent on.
        PiiVault.Snapshot snapshot = vaults.get(key);
        PiiVault vault = snapshot == null
                ? new PiiVault(settings.vaultKey(), settings.vaultMaxEntries())
                : PiiVault.fromSnapshot(snapshot, settings.vaultKey(), settings.vaultMaxEntries());
        GuardStage.Outcome gated = guard.apply(request.messages(), vault);
        Reason blockedBy = gated.blockedBy();
        if (blockedBy != null) {
            block(record, request, GuardStage.code(blockedBy), GuardStage.message(blockedBy));
            return;
        }
        HistoryLimits limits = settings.history();
        ChatMessage newest = gated.messages().getLast();
        if (!limits.fits(newest)) {
            fail(
                    record,
                    request,
                    "message_too_long",
                    "This message is " + HistoryLimits.bytes(newest) / 1024 + " KB; a message may be at most "
                            + limits.maxBytes() / 1024 + " KB. Send it in parts or shorten it.");
            return;
        }
        if (!vault.isEmpty()) vaults.put(key, vault.snapshot());
        List<ChatMessage> turns;
        if (request.serverHistory() && stored != null) {
            turns = new ArrayList<>(stored.turns());
            turns.addAll(gated.messages());
        } else {
            turns = gated.messages();
        }
        turns = guard.pin(turns);
        // Bounded before it is stored: the oldest turns go, so the state record (and the prompt
        // built from it) stays far below the broker's message size limit.
        turns = limits.bound(turns);
        conversations.put(key, new ConversationContext(request.userId(), turns, now, request.conversationId()));

        ModelAnnounced model = model(request.model());
        int contextLength = model == null ? settings.defaultContextLength() : model.contextLength();
        List<ChatMessage> window = ConversationContext.trim(
                turns, Math.max(64, contextLength - request.sampling().maxTokens()));
        PromptTemplate template = PromptTemplate.named(model == null ? "llama3" : model.template());
        PromptReady prompt = new PromptReady(
                request.correlationId(),
                request.conversationId(),
                request.userId(),
                request.model(),
                window,
                template.render(window),
                request.sampling(),
                CacheKeys.of(request.model(), window, request.sampling()),
                request.acceptedAtMs(),
                now);
        if (!prompt.cacheKey().isEmpty()) {
            Optional<CachedResponse> hit = cache.lookup(prompt.cacheKey());
            if (hit.isPresent() && hit.get().model().equals(prompt.model())) {
                replay(record, prompt, hit.get(), now);
                return;
            }
        }
        context.forward(
                record.withKey(request.conversationId())
                        .withValue((Object) prompt)
                        .withTimestamp(now),
                PROMPTS_SINK);
    }

    /** Why a request that parsed still cannot be prepared, or null when it can. */
    static @Nullable String unusable(ChatRequested request) {
        if (request.correlationId() == null || request.correlationId().isBlank()) return "no correlationId";
        if (request.conversationId() == null) return "no conversationId";
        if (request.userId() == null) return "no userId";
        if (request.model() == null) return "no model";
        if (request.sampling() == null) return "no sampling";
        if (request.messages().isEmpty()) return "no messages";
        return null;
    }

    /** A hit streams the stored answer as ordinary chunks (marked cached) and records it like any answer. */
    private void replay(Record<String, ChatRequested> record, PromptReady prompt, CachedResponse answer, long now) {
        long seq = 0;
        for (String piece : CachedReplay.pieces(answer.content())) {
            context.forward(
                    record.withKey(prompt.correlationId())
                            .withValue((Object) StreamEvent.chunk(prompt.correlationId(), ++seq, piece, true)
                                    .scoped(prompt.conversationId(), prompt.userId())),
                    STREAM_SINK);
        }
        context.forward(
                record.withKey(prompt.correlationId()).withValue((Object)
                        StreamEvent.done(prompt.correlationId(), ++seq, answer.usage(), answer.finishReason(), true)
                                .scoped(prompt.conversationId(), prompt.userId())),
                STREAM_SINK);
        String userMessage =
                prompt.messages().isEmpty() ? null : prompt.messages().getLast().content();
        CompletionRecorded completion = new CompletionRecorded(
                prompt.correlationId(),
                prompt.conversationId(),
                prompt.userId(),
                prompt.model(),
                userMessage,
                answer.content(),
                answer.usage(),
                answer.finishReason(),
                true,
                prompt.cacheKey(),
                new Timings(prompt.acceptedAtMs(), now, now, now, now, 0));
        context.forward(record.withKey(prompt.conversationId()).withValue((Object) completion), COMPLETIONS_SINK);
    }

    private void fail(Record<String, ChatRequested> record, ChatRequested request, String code, String message) {
        StreamEvent error = StreamEvent.error(request.correlationId(), 1, code, message)
                .scoped(request.conversationId(), request.userId());
        context.forward(record.withKey(request.correlationId()).withValue((Object) error), STREAM_SINK);
    }

    private void block(Record<String, ChatRequested> record, ChatRequested request, String code, String message) {
        StreamEvent blocked = StreamEvent.blocked(request.correlationId(), 1, code, message)
                .scoped(request.conversationId(), request.userId());
        context.forward(record.withKey(request.correlationId()).withValue((Object) blocked), STREAM_SINK);
    }

    private @Nullable ModelAnnounced model(String id) {
        Object value = models.get(id);
        if (value instanceof ValueAndTimestamp<?> vt) value = vt.value();
        return value instanceof ModelAnnounced m ? m : null;
    }

    /**
     * Drops conversations idle past the TTL and, when more than {@code maxConversations} remain in
     * this partition's store, the least recently used beyond it: the heap holds every conversation
     * of the TTL otherwise (stateless requests included), which sustained traffic would grow without
     * a bound short of the TTL.
     */
    private void expireIdle(long now) {
        long cutoff = now - settings.contextTtl().toMillis();
        List<String> gone = new ArrayList<>();
        List<Map.Entry<String, Long>> kept = new ArrayList<>();
        java.util.function.BiConsumer<String, Long> sort = (key, updatedAtMs) -> {
            if (updatedAtMs < cutoff) gone.add(key);
            else kept.add(Map.entry(key, updatedAtMs));
        };
        // The last update is read from the clear part of each stored value: nothing is opened.
        DecodedContextStore store = DecodedContextStore.of(conversations);
        if (store != null) {
            store.forEachUpdatedAt(sort);
        } else {
            try (KeyValueIterator<String, ConversationContext> it = conversations.all()) {
                while (it.hasNext()) {
                    KeyValue<String, ConversationContext> kv = it.next();
                    sort.accept(kv.key, kv.value.updatedAtMs());
                }
            }
        }
        int over = kept.size() - settings.maxConversations();
        if (over > 0) {
            kept.sort(Map.Entry.comparingByValue());
            for (int i = 0; i < over; i++) gone.add(kept.get(i).getKey());
            log.info(
                    "context store of task {} held {} conversations, over sluice.context.max-conversations ({}): "
                            + "the {} least recently used leave early",
                    context.taskId(),
                    kept.size(),
                    settings.maxConversations(),
                    over);
        }
        gone.forEach(conversations::delete);
        gone.forEach(vaults::delete);
    }
}
