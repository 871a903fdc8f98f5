package dev.sluice.schemas.crypto;

import org.jspecify.annotations.Nullable;

/**
 * How one value type splits into clear routing fields and sealed content, for
 * {@link SealedJsonSerde}. The associated data names the record (its type, ids and, where it has
 * them, its sequence and event type), so a ciphertext cannot be replayed inside another record.
 */
public interface Sealing<T> {

    /** Whose key seals it; null when the value carries no scope (then it must carry no content). */
    @Nullable
    ContentScope scope(T value);

    byte[] associatedData(T value);

    /** The content to seal, or null when this value has none (it is written clear as it is). */
    byte @Nullable [] content(T value);

    /** The value without its content: what stays readable on the topic. */
    T strip(T value);

    /** The stripped value with its opened content put back. */
    T restore(T stripped, byte[] content);
}
