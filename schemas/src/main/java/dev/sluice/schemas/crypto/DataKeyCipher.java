package dev.sluice.schemas.crypto;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * {@link ContentCipher} over a {@link DataKeyStore} and a {@link KeyProvider}, with unwrapped
 * keys cached for {@code ttl}. A key whose entry is older than that is looked up again; if the
 * store cannot answer then, the entry is used a while longer, so streams already in flight
 * finish through a key-store outage. That is safe for erasure: destroying a key needs the store,
 * and an erasure also reaches every cache through {@code chat.erasures} ({@link #forget}).
 * A new chat ({@link #require}) accepts fresh entries only, so an outage refuses it. Destroyed
 * key ids are remembered for {@code ttl} too, so replaying an erased conversation's records
 * does not query the store once per record.
 */
public final class DataKeyCipher implements ContentCipher {
    private record Entry(@Nullable DataKey key, long loadedAt) {}

    private final DataKeyStore store;
    private final KeyProvider provider;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final Map<UUID, Entry> byId = new ConcurrentHashMap<>();
    private final Map<ContentScope, UUID> byScope = new ConcurrentHashMap<>();
    private static final int SWEEP_EVERY = 1024;
    private static final int STALE_FOR = 10;

    private final LongAdder shredded = new LongAdder();
    private final AtomicLong remembered = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    public DataKeyCipher(DataKeyStore store, KeyProvider provider, Duration ttl) {
        this(store, provider, ttl, System::nanoTime);
    }

    DataKeyCipher(DataKeyStore store, KeyProvider provider, Duration ttl, LongSupplier clock) {
        this.store = store;
        this.provider = provider;
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public byte[] seal(ContentScope scope, byte[] aad, byte[] plaintext) {
        return Envelope.seal(forScope(scope, false), aad, plaintext);
    }

    @Override
    public byte[] open(byte[] aad, byte[] envelope) {
        return Envelope.open(byId(Envelope.keyId(envelope)), aad, envelope);
    }

    @Override
    public void require(ContentScope scope) {
        forScope(scope, true);
    }

    @Override
    public void prefetch(java.util.Collection<UUID> keyIds) {
        List<UUID> wanted = new ArrayList<>();
        for (UUID id : keyIds) {
            Entry cached = byId.get(id);
            if ((cached == null || !fresh(cached)) && !wanted.contains(id)) wanted.add(id);
        }
        if (wanted.isEmpty()) return;
        Map<UUID, WrappedKey> found;
        try {
            found = store.findAll(wanted);
        } catch (KeysUnavailableException e) {
            return; // each record's open() waits the outage out or serves from the cache, as without prefetch
        }
        for (UUID id : wanted) {
            WrappedKey stored = found.get(id);
            if (stored == null) {
                // Destroyed: remembered as byId() would, so the poll's records of it are skipped without a query each.
                Entry cached = byId.put(id, new Entry(null, clock.getAsLong()));
                if (cached != null && cached.key() != null)
                    byScope.remove(cached.key().scope(), id);
                continue;
            }
            try {
                remember(unwrap(stored));
            } catch (RuntimeException e) {
                // A key this process cannot unwrap (an unknown master key): open() reports it for its record.
            }
        }
    }

    @Override
    public void forget(ContentScope scope) {
        UUID id = byScope.remove(scope);
        if (id != null) byId.put(id, new Entry(null, clock.getAsLong()));
    }

    @Override
    public long shreddedRecords() {
        return shredded.sum();
    }

    @Override
    public void countShredded() {
        shredded.increment();
    }

    private DataKey forScope(ContentScope scope, boolean freshOnly) {
        UUID id = byScope.get(scope);
        Entry cached = id == null ? null : byId.get(id);
        if (cached != null && cached.key() != null && fresh(cached)) return cached.key();
        try {
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            UUID newId = UUID.randomUUID();
            WrappedKey stored = store.findOrCreate(
                    new WrappedKey(newId, scope, provider.masterKeyId(), provider.wrap(raw, context(newId))));
            return remember(
                    stored.id().equals(newId)
                            ? new DataKey(newId, scope, new SecretKeySpec(raw, "AES"))
                            : unwrap(stored));
        } catch (KeysUnavailableException e) {
            if (!freshOnly && cached != null && cached.key() != null) return cached.key();
            throw e;
        }
    }

    private DataKey byId(UUID id) {
        Entry cached = byId.get(id);
        if (cached != null && fresh(cached)) return present(cached, id);
        Optional<WrappedKey> stored;
        try {
            stored = store.find(id);
        } catch (KeysUnavailableException e) {
            if (cached != null) return present(cached, id);
            throw e;
        }
        if (stored.isEmpty()) {
            byId.put(id, new Entry(null, clock.getAsLong()));
            if (cached != null && cached.key() != null)
                byScope.remove(cached.key().scope(), id);
            throw destroyed(id);
        }
        return remember(unwrap(stored.get()));
    }

    private DataKey present(Entry entry, UUID id) {
        if (entry.key() == null) throw destroyed(id);
        return entry.key();
    }

    private DataKey unwrap(WrappedKey w) {
        return new DataKey(
                w.id(),
                w.scope(),
                new SecretKeySpec(provider.unwrap(w.masterKeyId(), w.wrapped(), context(w.id())), "AES"));
    }

    private DataKey remember(DataKey key) {
        if (remembered.incrementAndGet() % SWEEP_EVERY == 0) sweep();
        byId.put(key.id(), new Entry(key, clock.getAsLong()));
        byScope.put(key.scope(), key.id());
        return key;
    }

    /** Entries far past their time serve no outage any more: dropped, so the cache stays bounded by recent use. */
    private void sweep() {
        long now = clock.getAsLong();
        byId.entrySet().removeIf(e -> {
            boolean old = now - e.getValue().loadedAt() > STALE_FOR * ttlNanos;
            if (old && e.getValue().key() != null)
                byScope.remove(e.getValue().key().scope(), e.getKey());
            return old;
        });
    }

    private boolean fresh(Entry e) {
        return clock.getAsLong() - e.loadedAt() < ttlNanos;
    }

    private static KeyDestroyedException destroyed(UUID id) {
        return new KeyDestroyedException("data key " + id + " was destroyed: its conversation was erased");
    }

    /** What a data key's wrapping is bound to: its id, so a wrapped key cannot be moved to another row. */
    static byte[] context(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }
}
