package dev.sluice.topology.context;

import dev.sluice.schemas.serde.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

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
 * A restore writes below the wrapper, so {@link #init} and the processors' start and stop
 * ({@link #clearDecoded}) leave nothing decoded. Bounded by
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
        return new DecodedContextStoreBuilder(inner, maxEntries, maxChars);
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

    /**
     * Deletes without reading the old value: returns it only if it was at hand decoded, else null.
     * Reading it would open it, and an erased conversation's key may already be gone from this
     * process when its erasure arrives (the key evictor and the topology read {@code chat.erasures}
     * apart): the open failed after the delete, the erasure was dead-lettered and the vault's
     * entry behind it was never deleted. The tombstone still reaches the changelog.
     */
    @Override
    public synchronized @Nullable ConversationContext delete(String key) {
        Held held = decoded.get(key);
        forget(key);
        KeyValueStore<Bytes, byte[]> bytes = bytes();
        if (bytes == null) {
            wrapped().delete(key);
        } else {
            bytes.delete(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)));
        }
        return held == null ? null : held.value();
    }

    /**
     * Every stored conversation's key and the time it was last updated, read from the clear part
     * of the stored bytes: no history is opened or parsed. The expiry pass ran once a minute over
     * every conversation of the task (up to {@code max-conversations}) and opened each one, and
     * one whose key was destroyed stopped the pass for good.
     */
    public void forEachUpdatedAt(BiConsumer<String, Long> action) {
        KeyValueStore<Bytes, byte[]> bytes = bytes();
        if (bytes == null) {
            try (KeyValueIterator<String, ConversationContext> it = wrapped().all()) {
                it.forEachRemaining(kv -> action.accept(kv.key, kv.value.updatedAtMs()));
            }
            return;
        }
        try (KeyValueIterator<Bytes, byte[]> it = bytes.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                if (kv.value == null) continue;
                action.accept(new String(kv.key.get(), StandardCharsets.UTF_8), updatedAtMs(kv.value));
            }
        }
    }

    /** The stored keys that start with {@code prefix}, without reading their values. */
    public List<String> keysWithPrefix(String prefix) {
        List<String> keys = new ArrayList<>();
        KeyValueStore<Bytes, byte[]> bytes = bytes();
        if (bytes == null) {
            try (KeyValueIterator<String, ConversationContext> it =
                    wrapped().prefixScan(prefix, new StringSerializer())) {
                it.forEachRemaining(kv -> keys.add(kv.key));
            }
            return keys;
        }
        try (KeyValueIterator<Bytes, byte[]> it = bytes.prefixScan(prefix, new StringSerializer())) {
            it.forEachRemaining(kv -> keys.add(new String(kv.key.get(), StandardCharsets.UTF_8)));
        }
        return keys;
    }

    /** The store under its serde layer (logged, so deletes still reach the changelog), or null if built otherwise. */
    @SuppressWarnings("unchecked")
    private @Nullable KeyValueStore<Bytes, byte[]> bytes() {
        return wrapped() instanceof WrappedStateStore<?, ?, ?> serde
                        && serde.wrapped() instanceof KeyValueStore<?, ?> inner
                ? (KeyValueStore<Bytes, byte[]>) inner
                : null;
    }

    /**
     * {@code updatedAtMs} of a stored value: a clear field, before the sealed content (or, in a
     * value written without encryption, after the turns, which are skipped, not built). -1 if absent.
     */
    static long updatedAtMs(byte[] value) {
        try (JsonParser p = Json.MAPPER.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return -1;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("updatedAtMs".equals(name)) return p.getLongValue();
                p.skipChildren();
            }
            return -1;
        }
    }

    /** The context store behind a processor's handle on it (Kafka Streams wraps what a processor gets). */
    public static @Nullable DecodedContextStore of(StateStore store) {
        StateStore s = store;
        while (true) {
            if (s instanceof DecodedContextStore d) return d;
            if (s instanceof WrappedStateStore<?, ?, ?> w) s = w.wrapped();
            else return null;
        }
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

    /**
     * Forgets every decoded value. Called when the task's processors start or stop as well as on
     * {@link #init}: Kafka Streams may keep a store open while a task turns standby and back
     * (restoring below this wrapper in between), so what was decoded while active is dropped
     * whenever the task is (re)activated or deactivated.
     */
    public synchronized void clearDecoded() {
        decoded.clear();
        chars = 0;
    }

    private static long chars(ConversationContext value) {
        long n = 0;
        for (var turn : value.turns()) n += turn.content().length() + 16;
        return n;
    }
}
