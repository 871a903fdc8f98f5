package dev.sluice.schemas.crypto;

import java.util.Optional;
import java.util.UUID;

/** Where wrapped data keys live ({@link JdbcDataKeyStore}: PostgreSQL table {@code data_keys}). */
public interface DataKeyStore {

    /** The scope's key, or {@code candidate} stored as it if the scope has none yet (first writer wins). */
    WrappedKey findOrCreate(WrappedKey candidate) throws KeysUnavailableException;

    /** Empty when the key was destroyed (or never existed). */
    Optional<WrappedKey> find(UUID id) throws KeysUnavailableException;

    /** Destroys the scope's key; returns how many were destroyed (0 or 1). */
    int destroy(ContentScope scope) throws KeysUnavailableException;
}
