package dev.sluice.persistence.erasure;

/**
 * Transaction-scoped advisory locks that order an erasure against a sink batch touching the
 * same conversation. Without them a batch whose tombstone check ran just before an erasure
 * committed could write the conversation back after its delete. The sink takes the locks of
 * its batch shared (sinks never wait for each other), an erasure takes its one lock exclusive;
 * whichever commits second sees the other's work. Conversations are hashed into
 * {@link #BUCKETS} buckets so a batch of thousands takes at most that many locks (the lock
 * table is small); a shared bucket only means an erasure may wait for one batch to commit.
 */
public final class ErasureLocks {
    /** First key of the two-key advisory lock, so these never collide with anyone else's. */
    static final int NAMESPACE = 0x51CE_0001;

    static final int BUCKETS = 64;

    /** For the sink: takes the buckets of the conversation ids in parameter 1 (text[]), in order. */
    public static final String LOCK_SHARED = """
            SELECT count(pg_advisory_xact_lock_shared(%d, b)) FROM (
              SELECT DISTINCT abs(hashtext(id) %% %d) AS b FROM unnest(?::text[]) AS id ORDER BY b) buckets""".formatted(NAMESPACE, BUCKETS);

    /** For an erasure: takes the bucket of the conversation id in parameter 1. */
    public static final String LOCK_EXCLUSIVE =
            "SELECT pg_advisory_xact_lock(%d, abs(hashtext(?) %% %d))".formatted(NAMESPACE, BUCKETS);

    private ErasureLocks() {}
}
