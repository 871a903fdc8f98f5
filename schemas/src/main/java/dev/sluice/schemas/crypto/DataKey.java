package dev.sluice.schemas.crypto;

import java.util.UUID;
import javax.crypto.SecretKey;

/** An unwrapped data key: its id (written into every envelope it seals) and its scope. */
public record DataKey(UUID id, ContentScope scope, SecretKey key) {
    @Override
    public String toString() {
        return "DataKey[" + id + "]";
    }
}
