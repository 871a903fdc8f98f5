package dev.sluice.schemas.crypto;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Keys in memory, for tests and benchmarks without a database; {@link #down} simulates an outage. */
public final class InMemoryDataKeyStore implements DataKeyStore {
    /** By conversation id: an id has one owner, as in {@link JdbcDataKeyStore}. */
    private final Map<String, WrappedKey> keys = new ConcurrentHashMap<>();

    private volatile boolean down;

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
