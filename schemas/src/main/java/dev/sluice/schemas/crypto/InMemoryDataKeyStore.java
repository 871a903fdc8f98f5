package dev.sluice.schemas.crypto;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Keys in memory, for tests and benchmarks without a database; {@link #down} simulates an outage. */
public final class InMemoryDataKeyStore implements DataKeyStore {
    /** By conversation id: an id has one owner, as in {@link JdbcDataKeyStore}. */
    private final Map<String, WrappedKey> keys = new ConcurrentHashMap<>();

    private volatile boolean down;
    private final java.util.concurrent.atomic.AtomicInteger finds = new java.util.concurrent.atomic.AtomicInteger();
    private final List<List<UUID>> batches = new java.util.concurrent.CopyOnWriteArrayList<>();

    public void down(boolean down) {
        this.down = down;
    }

    @Override
    public WrappedKey findOrCreate(WrappedKey candidate) {
        check();
        String conversation = candidate.scope().conversationId();
        WrappedKey stored = keys.computeIfAbsent(conversation, c -> candidate);
        if (!stored.scope().equals(candidate.scope()))
            throw new ConversationTakenException("conversation " + conversation + " belongs to another user");
        return stored;
    }

    @Override
    public Optional<WrappedKey> find(UUID id) {
        check();
        finds.incrementAndGet();
        return byId(id);
    }

    /** One call for all of {@code ids}, as the database store answers it. */
    @Override
    public Map<UUID, WrappedKey> findAll(Collection<UUID> ids) {
        check();
        batches.add(List.copyOf(ids));
        Map<UUID, WrappedKey> out = new HashMap<>();
        for (UUID id : ids) byId(id).ifPresent(k -> out.put(id, k));
        return out;
    }

    /** Lookups of one key ({@link #find}) since start: what a reader does per record without a prefetch. */
    public int finds() {
        return finds.get();
    }

    /** The ids each {@link #findAll} call asked for, in order, since start. */
    public List<List<UUID>> batches() {
        return List.copyOf(batches);
    }

    private Optional<WrappedKey> byId(UUID id) {
        return keys.values().stream().filter(k -> k.id().equals(id)).findFirst();
    }

    @Override
    public int destroy(ContentScope scope) {
        check();
        WrappedKey stored = keys.get(scope.conversationId());
        return stored != null && stored.scope().equals(scope) && keys.remove(scope.conversationId(), stored) ? 1 : 0;
    }

    private void check() {
        if (down) throw new KeysUnavailableException("key store is down");
    }
}
