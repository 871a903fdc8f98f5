/**
 * The Redis response store: final answers kept for the topology's cache lookup. The keys and
 * values are a contract with the topology, kept in {@link dev.sluice.schemas.cache}.
 */
@NullMarked
package dev.sluice.persistence.cache;

import org.jspecify.annotations.NullMarked;
