/**
 * Crypto-shredding: content on the topics is sealed with a per-conversation data key
 * ({@link dev.sluice.schemas.crypto.Envelope}, AES-256-GCM); data keys are stored wrapped by a
 * master key ({@link dev.sluice.schemas.crypto.KeyProvider}) in PostgreSQL
 * ({@link dev.sluice.schemas.crypto.JdbcDataKeyStore}), so destroying one row makes every copy of
 * that conversation on every topic, replica and backup unreadable at once.
 */
@NullMarked
package dev.sluice.schemas.crypto;

import org.jspecify.annotations.NullMarked;
