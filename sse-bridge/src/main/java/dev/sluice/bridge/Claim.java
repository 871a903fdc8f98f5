package dev.sluice.bridge;

/** The outcome of registering a correlation id at accept time. */
public enum Claim {
    /** The id is now this response's, for the resume window. */
    CLAIMED,
    /** The id already names another response (a client reused its X-Request-Id). */
    TAKEN,
    /**
     * Redis did not answer: the request is accepted anyway (a server-generated UUIDv7 is unique
     * without Redis) but nobody can resume it, since ownership cannot be proven later.
     */
    UNVERIFIED
}
