package dev.sluice.topology.pipeline;

import static dev.sluice.topology.pipeline.TopologyNames.*;

import dev.sluice.guard.GuardConfig;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.guard.pii.PiiVault;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.SealedJsonSerde;
import dev.sluice.schemas.event.ModelAnnounced;
import dev.sluice.schemas.serde.JsonSerde;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.topology.cache.ResponseCache;
import dev.sluice.topology.context.ContextSealing;
import dev.sluice.topology.context.ConversationContext;
import dev.sluice.topology.context.DecodedContextStore;
import dev.sluice.topology.context.HistoryLimits;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The topology, built by one pure method:
 * <pre>
 * chat.requests ──▶ prepare-prompt (gates, PII vault, context, template, cache lookup) ──▶ chat.prompts
 *                         │ (blocked, or a cache hit replayed) ──▶ chat.stream, chat.completions
 * chat.completions ──▶ remember-answer (assistant turns into the context store)
 * chat.erasures ──▶ forget-conversation (drops its context and PII vault)
 * sluice.models ──▶ models-global (global store: template and context length per model)
 * </pre>
 * {@code conversation-context} is in memory with a changelog: restored from Kafka on restart,
 * no RocksDB on the hot path, and recent values kept decoded ({@link DecodedContextStore}). Its state is keyed by user and conversation id
 * ({@link dev.sluice.topology.context.ConversationKey}) and bounded ({@link HistoryLimits}).
 */
public final class ChatTopology {

    public static Topology build(TopologySettings settings) {
        return build(settings, ResponseCache.NONE, new GuardStage(new GuardPipeline(GuardConfig.defaults()), null));
    }

    /** Without encryption: records are written plain (and read either way). */
    public static Topology build(TopologySettings settings, ResponseCache cache, GuardStage guard) {
        return build(settings, cache, guard, ContentCipher.DISABLED);
    }

    /** @param cipher seals content on every topic and changelog this topology writes */
    public static Topology build(
            TopologySettings settings, ResponseCache cache, GuardStage guard, ContentCipher cipher) {
        var key = Serdes.String();
        Topology t = new Topology();
        t.addSource(
                REQUESTS_SOURCE,
                key.deserializer(),
                Topics.CHAT_REQUESTS.valueSerde(cipher).deserializer(),
                Topics.CHAT_REQUESTS.name());
        t.addSource(
                COMPLETIONS_SOURCE,
                key.deserializer(),
                Topics.CHAT_COMPLETIONS.valueSerde(cipher).deserializer(),
                Topics.CHAT_COMPLETIONS.name());
        t.addProcessor(PREPARE, () -> new PreparePromptProcessor(settings, cache, guard), REQUESTS_SOURCE);
        t.addProcessor(REMEMBER, () -> new RememberAnswerProcessor(settings.history()), COMPLETIONS_SOURCE);
        t.addSource(
                ERASURES_SOURCE,
                key.deserializer(),
                Topics.CHAT_ERASURES.valueSerde().deserializer(),
                Topics.CHAT_ERASURES.name());
        t.addProcessor(FORGET, ForgetConversationProcessor::new, ERASURES_SOURCE);
        // Decoded values of recent conversations kept in front of the bytes store: a continued
        // conversation is read twice per request, and each read parsed (and opened) its history.
        t.addStateStore(
                DecodedContextStore.builder(Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(CONTEXT_STORE),
                                key,
                                new SealedJsonSerde<>(
                                        new JsonSerde<>(ConversationContext.class), ContextSealing.INSTANCE, cipher))
                        .withCachingDisabled()),
                PREPARE,
                REMEMBER,
                FORGET);
        // The vault holds keyed digests (HMAC under sluice.pii.vault-key), no values: not sealed.
        t.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(VAULT_STORE),
                                key,
                                new JsonSerde<>(PiiVault.Snapshot.class))
                        .withCachingDisabled(),
                PREPARE,
                FORGET);
        t.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MODELS_STORE), key, Topics.MODELS.valueSerde())
                        .withLoggingDisabled(),
                MODELS_SOURCE,
                key.deserializer(),
                Topics.MODELS.valueSerde().deserializer(),
                Topics.MODELS.name(),
                MODELS_LOADER,
                ModelsLoader::new);
        t.addSink(
                PROMPTS_SINK,
                Topics.CHAT_PROMPTS.name(),
                key.serializer(),
                Topics.CHAT_PROMPTS.valueSerde(cipher).serializer(),
                PREPARE);
        t.addSink(
                STREAM_SINK,
                Topics.CHAT_STREAM.name(),
                key.serializer(),
                Topics.CHAT_STREAM.valueSerde(cipher).serializer(),
                PREPARE);
        t.addSink(
                COMPLETIONS_SINK,
                Topics.CHAT_COMPLETIONS.name(),
                key.serializer(),
                Topics.CHAT_COMPLETIONS.valueSerde(cipher).serializer(),
                PREPARE);
        return t;
    }

    /** Keeps the global models store in step with {@code sluice.models}. */
    static final class ModelsLoader implements Processor<String, ModelAnnounced, Void, Void> {
        private KeyValueStore<String, ModelAnnounced> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(MODELS_STORE);
        }

        @Override
        public void process(Record<String, ModelAnnounced> record) {
            if (record.value() == null) store.delete(record.key());
            else store.put(record.key(), record.value());
        }
    }

    private ChatTopology() {}

    /**
     * @param contextTtl      idle conversations are dropped from the store after this long
     * @param history         how many turns and bytes of a conversation the store keeps
     * @param vaultKey        the PII vault's digest secret (32 bytes or more), the same on every
     *                        topology instance so a moved partition still recognises its values
     * @param vaultMaxEntries how many values of one conversation get a numbered placeholder
     * @param maxConversations conversations one partition's store keeps: past it, the least recently
     *                        used go at the next expiry pass (every minute), like idle ones
     */
    public record TopologySettings(
            Duration contextTtl,
            int defaultContextLength,
            HistoryLimits history,
            byte[] vaultKey,
            int vaultMaxEntries,
            int maxConversations) {

        public static final int DEFAULT_MAX_CONVERSATIONS = 20_000;

        public TopologySettings(
                Duration contextTtl,
                int defaultContextLength,
                HistoryLimits history,
                byte[] vaultKey,
                int vaultMaxEntries) {
            this(contextTtl, defaultContextLength, history, vaultKey, vaultMaxEntries, DEFAULT_MAX_CONVERSATIONS);
        }

        /** Default bounds and a vault secret of this process only (tests, benchmarks). */
        public TopologySettings(Duration contextTtl, int defaultContextLength) {
            this(contextTtl, defaultContextLength, HistoryLimits.defaults(), randomKey(), PiiVault.DEFAULT_MAX_ENTRIES);
        }

        private static byte[] randomKey() {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            return key;
        }
    }
}
