package dev.sluice.schemas.crypto;

/**
 * Wraps and unwraps data keys with a master key that never leaves it. {@link LocalKeyProvider}
 * keeps the master key in a file or an environment variable; a KMS (AWS KMS, Vault transit,
 * Cloud KMS) implements the same two calls remotely.
 */
public interface KeyProvider {

    /** The master key's id, stored next to every key it wraps (so keys can be rotated). */
    String masterKeyId();

    /** @param context bound to the wrapped key (its id), so a wrapped key cannot be moved to another row */
    byte[] wrap(byte[] dataKey, byte[] context) throws KeysUnavailableException;

    byte[] unwrap(String masterKeyId, byte[] wrapped, byte[] context) throws KeysUnavailableException;
}
