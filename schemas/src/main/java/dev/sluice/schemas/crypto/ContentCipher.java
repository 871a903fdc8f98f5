package dev.sluice.schemas.crypto;

/**
 * Seals and opens content with the data key of its conversation; what every sealed serde calls.
 * {@link #DISABLED} ({@code sluice.crypto.enabled=false}) seals nothing, and every
 * implementation still reads records written before encryption (no envelope).
 */
public interface ContentCipher {

    boolean enabled();

    /** @throws KeysUnavailableException the scope's key can be neither found nor created now */
    byte[] seal(ContentScope scope, byte[] aad, byte[] plaintext);

    /**
     * @throws KeyDestroyedException    the conversation was erased: skip the record
     * @throws KeysUnavailableException the key store cannot answer now: retry later
     */
    byte[] open(byte[] aad, byte[] envelope);

    /** Makes sure the scope's key exists and is at hand, so a new chat can be accepted. */
    void require(ContentScope scope);

    /**
     * Loads, in one call to the key store, every key of {@code keyIds} not already at hand, so
     * the records of one poll that name them open without one store round trip each. Best
     * effort: a store that cannot answer now is left for {@link #open} to report.
     */
    default void prefetch(java.util.Collection<java.util.UUID> keyIds) {}

    /** Drops the scope's key from memory at once (its conversation was erased). */
    void forget(ContentScope scope);

    /** Records skipped because their key was destroyed, since start. */
    long shreddedRecords();

    /** Counts one record skipped because its key was destroyed. */
    void countShredded();

    ContentCipher DISABLED = new ContentCipher() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public byte[] seal(ContentScope scope, byte[] aad, byte[] plaintext) {
            throw new IllegalStateException("encryption is disabled");
        }

        @Override
        public byte[] open(byte[] aad, byte[] envelope) {
            throw new KeysUnavailableException(
                    "a sealed record was read with encryption disabled (sluice.crypto.enabled=false)");
        }

        @Override
        public void require(ContentScope scope) {}

        @Override
        public void forget(ContentScope scope) {}

        @Override
        public long shreddedRecords() {
            return 0;
        }

        @Override
        public void countShredded() {}
    };
}
