package dev.sluice.schemas.crypto;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Keys in memory, for tests and benchmarks without a database; {@link #down} simulates an outage. */
public final class InMemoryDataKeyStore implements DataKeyStore {
    private final Map<ContentScope, WrappedKey> keys = new ConcurrentHashMap<>();
    private volatile boolean down;

    public void down(boolean down) {
        this.down = down;
    }

    @Override
    public WrappedKey findOrCreate(WrappedKey candidate) {
        check();
        return keys.computeIfAbsent(candidate.scope(), s -> candidate);
    }

    @Override
    public Optional<WrappedKey> find(UUID id) {
        check();
        return keys.values().stream().filter(k -> k.id().equals(id)).findFirst();
    }

    @Override
    public int destroy(ContentScope scope) {
        check();
        return keys.remove(scope) == null ? 0 : 1;
    }

    private void check() {
        if (down) throw new KeysUnavailableException("key store is down");
    }
}
