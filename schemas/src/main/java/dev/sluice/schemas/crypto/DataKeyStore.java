package dev.sluice.schemas.crypto;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where wrapped data keys live ({@link JdbcDataKeyStore}: PostgreSQL table {@code data_keys}). */
public interface DataKeyStore {

    /**
     * The scope's key, or {@code candidate} stored as it if the conversation has none yet (first
     * writer wins).
     *
     * @throws ConversationTakenException the conversation id's key belongs to another user, or the id was erased
     */
    WrappedKey findOrCreate(WrappedKey candidate) throws KeysUnavailableException, ConversationTakenException;

    /** Empty when the key was destroyed (or never existed). */
    Optional<WrappedKey> find(UUID id) throws KeysUnavailableException;

    /**
     * The keys of {@code ids} that exist, by id, in as few round trips as the store allows (a
     * role reading a poll's records of many new conversations asks once, not once per record).
     */
    default Map<UUID, WrappedKey> findAll(Collection<UUID> ids) throws KeysUnavailableException {
        Map<UUID, WrappedKey> out = new HashMap<>();
        for (UUID id : ids) find(id).ifPresent(k -> out.put(id, k));
        return out;
    }

    /** Destroys the scope's key; returns how many were destroyed (0 or 1). */
    int destroy(ContentScope scope) throws KeysUnavailableException;
}
