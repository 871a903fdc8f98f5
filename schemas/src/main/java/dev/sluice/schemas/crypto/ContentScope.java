package dev.sluice.schemas.crypto;

/**
 * Whose content a data key protects: one conversation of one user. Scoped by owner as the
 * topology's state is, because conversation ids are chosen by clients and two users may pick
 * the same one; an erasure by one never destroys the other's key.
 */
public record ContentScope(String userId, String conversationId) {}
