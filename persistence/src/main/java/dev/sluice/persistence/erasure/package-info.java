/**
 * Erasure of a conversation at its owner's request: the rows now, derived data (cached answers,
 * context state via {@code chat.erasures}) when the delete reaches the CDC stream.
 */
@NullMarked
package dev.sluice.persistence.erasure;

import org.jspecify.annotations.NullMarked;
