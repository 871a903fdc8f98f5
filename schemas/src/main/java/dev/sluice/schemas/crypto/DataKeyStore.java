package dev.sluice.schemas.crypto;

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

    /** Destroys the scope's key; returns how many were destroyed (0 or 1). */
    int destroy(ContentScope scope) throws KeysUnavailableException;
}
