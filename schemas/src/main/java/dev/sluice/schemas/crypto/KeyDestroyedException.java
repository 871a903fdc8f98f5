package dev.sluice.schemas.crypto;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The data key a record was sealed with no longer exists: its conversation was erased. Final,
 * never retried; readers skip the record and count it ({@code sluice.crypto.records.shredded}).
 */
public final class KeyDestroyedException extends SerializationException {
    public KeyDestroyedException(String message) {
        super(message);
    }
}
