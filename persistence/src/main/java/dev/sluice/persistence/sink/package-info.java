/**
 * The completions sink: consumes {@code chat.completions} in its own group and hands each poll,
 * as one batch, to an idempotent writer (PostgreSQL history, Redis response cache); offsets move
 * only after the write, failures back off and retry, unreadable records go to the dead-letter topic.
 */
@NullMarked
package dev.sluice.persistence.sink;

import org.jspecify.annotations.NullMarked;
