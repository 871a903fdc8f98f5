package dev.sluice.topology.context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.jspecify.annotations.Nullable;

/**
 * The context store with its recently used values kept decoded. Kafka Streams keeps a store's
 * values as bytes (the changelog's), so every {@code get} of a conversation parsed its whole
 * history again and, with encryption, opened it: a request of a continued conversation read its
 * context twice (prepare, remember). Here a read of a conversation written or read a moment ago
 * returns the value already at hand; writes still go through to the store, its changelog and
 * the seal, so what is on Kafka and what a restore finds are unchanged.
 *
 * <p>One per task, like the store it wraps, and only ever touched through this wrapper by the
 * task's processors (prepare, remember, forget): the decoded values cannot drift from the store.
 * A restore writes below the wrapper, so {@link #init} starts with nothing decoded. Bounded by
 * entries and by the characters of their turns; values are immutable records, shared safely.
 */
public final class DecodedContextStore
        extends WrappedStateStore<KeyValueStore<String, ConversationContext>, String, ConversationContext>
        implements KeyValueStore<String, ConversationContext> {

    /** Conversations kept decoded per task. */
    public static final int MAX_ENTRIES = 1024;
    /** Characters of turns kept decoded per task (about 1-2 MB of heap); a larger context is not kept. */
    public static final long MAX_CHARS = 1L << 20;

    private record Held(ConversationContext value, long chars) {}

    private final LinkedHashMap<String, Held> decoded = new LinkedHashMap<>(64, 0.75f, true);
    private final int maxEntries;
    private final long maxChars;
    private long chars;
    private long hits;
    private long misses;

    DecodedContextStore(KeyValueStore<String, ConversationContext> store, int maxEntries, long maxChars) {
        super(store);
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    /** Wraps what {@code inner} builds; everything else (name, logging, caching) is the inner builder's. */
    public static StoreBuilder<KeyValueStore<String, ConversationContext>> builder(
            StoreBuilder<KeyValueStore<String, ConversationContext>> inner) {
        return builder(inner, MAX_ENTRIES, MAX_CHARS);
    }

    static StoreBuilder<KeyValueStore<String, ConversationContext>> builder(
            StoreBuilder<KeyValueStore<String, ConversationContext>> inner, int maxEntries, long maxChars) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<KeyValueStore<String, ConversationContext>> withCachingEnabled() {
                inner.withCachingEnabled();
                return this;
            }

            @Override
            public StoreBuilder<KeyValueStore<String, ConversationContext>> withCachingDisabled() {
                inner.withCachingDisabled();
                return this;
            }

            @Override
            public StoreBuilder<KeyValueStore<String, ConversationContext>> withLoggingEnabled(
                    Map<String, String> config) {
                inner.withLoggingEnabled(config);
                return this;
            }

            @Override
            public StoreBuilder<KeyValueStore<String, ConversationContext>> withLoggingDisabled() {
                inner.withLoggingDisabled();
                return this;
            }

            @Override
            public KeyValueStore<String, ConversationContext> build() {
                return new DecodedContextStore(inner.build(), maxEntries, maxChars);
            }

            @Override
            public Map<String, String> logConfig() {
                return inner.logConfig();
            }

            @Override
            public boolean loggingEnabled() {
                return inner.loggingEnabled();
            }

            @Override
            public String name() {
                return inner.name();
            }
        };
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        clearDecoded();
        super.init(context, root);
    }

    @Override
    public synchronized void close() {
        clearDecoded();
        super.close();
    }

    @Override
    public synchronized @Nullable ConversationContext get(String key) {
        Held held = decoded.get(key);
        if (held != null) {
            hits++;
            return held.value();
        }
        misses++;
        ConversationContext value = wrapped().get(key);
        if (value != null) remember(key, value);
        return value;
    }

    @Override
    public synchronized void put(String key, @Nullable ConversationContext value) {
        // The store first: a write that fails (no key to seal with) leaves nothing decoded behind.
        wrapped().put(key, value);
        if (value == null) forget(key);
        else remember(key, value);
    }

    @Override
    public synchronized @Nullable ConversationContext putIfAbsent(String key, ConversationContext value) {
        ConversationContext old = wrapped().putIfAbsent(key, value);
        remember(key, old == null ? value : old);
        return old;
    }

    @Override
    public synchronized void putAll(List<KeyValue<String, ConversationContext>> entries) {
        wrapped().putAll(entries);
        for (KeyValue<String, ConversationContext> kv : entries) {
            if (kv.value == null) forget(kv.key);
            else remember(kv.key, kv.value);
        }
    }

    @Override
    public synchronized @Nullable ConversationContext delete(String key) {
        forget(key);
        return wrapped().delete(key);
    }

    @Override
    public KeyValueIterator<String, ConversationContext> range(String from, String to) {
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<String, ConversationContext> reverseRange(String from, String to) {
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, ConversationContext> all() {
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<String, ConversationContext> reverseAll() {
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, ConversationContext> prefixScan(
            P prefix, PS prefixKeySerializer) {
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }

    /** Reads answered from the decoded values since start (tests, diagnostics). */
    public synchronized long hits() {
        return hits;
    }

    /** Reads that went to the store. */
    public synchronized long misses() {
        return misses;
    }

    private void remember(String key, ConversationContext value) {
        forget(key);
        long size = chars(value);
        if (size > maxChars) return;
        decoded.put(key, new Held(value, size));
        chars += size;
        var eldest = decoded.entrySet().iterator();
        while ((decoded.size() > maxEntries || chars > maxChars) && eldest.hasNext()) {
            chars -= eldest.next().getValue().chars();
            eldest.remove();
        }
    }

    private void forget(String key) {
        Held gone = decoded.remove(key);
        if (gone != null) chars -= gone.chars();
    }

    private void clearDecoded() {
        decoded.clear();
        chars = 0;
    }

    private static long chars(ConversationContext value) {
        long n = 0;
        for (var turn : value.turns()) n += turn.content().length() + 16;
        return n;
    }
}
