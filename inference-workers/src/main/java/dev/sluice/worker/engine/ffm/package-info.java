/** In-process llama.cpp through Java's FFM API, with continuous batching over per-sequence KV streams. */
@NullMarked
package dev.sluice.worker.engine.ffm;

import org.jspecify.annotations.NullMarked;
