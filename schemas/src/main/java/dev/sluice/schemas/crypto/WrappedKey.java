package dev.sluice.schemas.crypto;

import java.util.UUID;

/** A data key as stored: wrapped by the master key {@code masterKeyId}. */
public record WrappedKey(UUID id, ContentScope scope, String masterKeyId, byte[] wrapped) {}
