/**
 * OpenAI's wire format as Sluice speaks it, in one place: the error body, the
 * {@code chat.completion.chunk} and {@code chat.completion} JSON. The gateway, the SSE bridge and
 * the conversation API all write through it, so a client sees one shape whichever module answered.
 */
@NullMarked
package dev.sluice.schemas.openai;

import org.jspecify.annotations.NullMarked;
