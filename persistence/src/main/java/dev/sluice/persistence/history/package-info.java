/**
 * The history API ({@code /v1/conversations}) served by the gateway role: a user's own
 * conversations, newest first, paged by keyset; one conversation's messages in order; erasure.
 */
@NullMarked
package dev.sluice.persistence.history;

import org.jspecify.annotations.NullMarked;
