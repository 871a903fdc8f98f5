package dev.sluice.schemas.metrics;

/**
 * Every Sluice meter name, under one rule: Micrometer's dotted, lower-case names without unit or
 * {@code total} suffix. The Prometheus registry turns dots into underscores and adds the suffix of
 * the meter's kind: a timer gets {@code _seconds} (and {@code _bucket} lines with a histogram), a
 * counter {@code _total}, a gauge or summary with a base unit that unit. So
 * {@link #TIME_TO_FIRST_TOKEN} exports as {@code sluice_time_to_first_token_seconds} and
 * {@link #REQUESTS} as {@code sluice_requests_total}: the names the dashboards in {@code infra/}
 * and the README use. {@code MeterNamesExportTest} holds that mapping.
 */
public final class MeterNames {
    // worker: per response
    public static final String REQUESTS = "sluice.requests";
    public static final String TIME_TO_FIRST_TOKEN = "sluice.time.to.first.token";
    public static final String INTER_TOKEN_LATENCY = "sluice.inter.token.latency";
    public static final String REQUEST_DURATION = "sluice.request.duration";
    public static final String QUEUE_WAIT = "sluice.queue.wait";
    public static final String GENERATION_TOKENS = "sluice.generation.tokens";
    public static final String PROMPT_TOKENS = "sluice.prompt.tokens";
    public static final String STREAM_CHUNK_EVENTS = "sluice.stream.chunk.events";
    public static final String BATCH_SIZE = "sluice.batch.size";
    // worker: engine
    public static final String ENGINE_SEQUENCES_RUNNING = "sluice.engine.sequences.running";
    public static final String ENGINE_SEQUENCES_WAITING = "sluice.engine.sequences.waiting";
    public static final String ENGINE_SLOTS_BUSY = "sluice.engine.slots.busy";
    public static final String ENGINE_SLOTS_WAITING = "sluice.engine.slots.waiting";
    public static final String ENGINE_TOKENS_SAMPLED = "sluice.engine.tokens.sampled";
    public static final String ENGINE_PROMPT_TOKENS_REUSED = "sluice.engine.prompt.tokens.reused";
    public static final String ENGINE_PROMPT_TOKENS_DECODED = "sluice.engine.prompt.tokens.decoded";
    // gateway
    public static final String GATEWAY_ADMISSION = "sluice.gateway.admission";
    public static final String RATELIMIT_REJECTIONS = "sluice.ratelimit.rejections";
    public static final String RATELIMIT_REDIS_ERRORS = "sluice.ratelimit.redis.errors";
    // bridge
    public static final String BRIDGE_EVENTS_ROUTED = "sluice.bridge.events.routed";
    public static final String BRIDGE_EVENTS_SKIPPED = "sluice.bridge.events.skipped";
    public static final String BRIDGE_DELIVERY_LATENCY = "sluice.bridge.delivery.latency";
    public static final String BRIDGE_OPEN_STREAMS = "sluice.bridge.open.streams";
    public static final String BRIDGE_PARTITIONS_READ = "sluice.bridge.partitions.read";
    public static final String BRIDGE_PARTITIONS_OWNED = "sluice.bridge.partitions.owned";
    /** The router's polls that returned records: routed + skipped events over this is the mean fetch's size. */
    public static final String BRIDGE_ROUTER_POLLS = "sluice.bridge.router.polls";

    public static final String BRIDGE_SLOW_CONSUMERS = "sluice.bridge.slow.consumers";
    public static final String BRIDGE_ABANDONED_CANCELLED = "sluice.bridge.abandoned.cancelled";
    // topology
    public static final String CACHE_REQUESTS = "sluice.cache.requests";
    public static final String CACHE_LOOKUP = "sluice.cache.lookup";
    public static final String GUARD_DECISIONS = "sluice.guard.decisions";
    public static final String PII_ENTITIES = "sluice.pii.entities";
    // persistence
    public static final String PERSISTENCE_COMPLETIONS = "sluice.persistence.completions";
    public static final String PERSISTENCE_WRITE = "sluice.persistence.write";
    public static final String PERSISTENCE_WRITE_FAILURES = "sluice.persistence.write.failures";
    public static final String PERSISTENCE_BATCH_SIZE = "sluice.persistence.batch.size";
    public static final String PERSISTENCE_CACHE_WRITES = "sluice.persistence.cache.writes";
    public static final String PERSISTENCE_ERASURES = "sluice.persistence.erasures";
    public static final String CDC_LAG = "sluice.cdc.lag";
    public static final String CDC_SLOT_LAG = "sluice.cdc.slot.lag";
    public static final String CDC_EVENTS = "sluice.cdc.events";
    // every role: crypto-shredding
    public static final String CRYPTO_RECORDS_SHREDDED = "sluice.crypto.records.shredded";
    /** Data key requests answered by the key store, tagged {@code op} = create | lookup. */
    public static final String CRYPTO_KEY_STORE_CALLS = "sluice.crypto.key.store.calls";
    /** Statements those took (group commit and prefetch put many requests in one), tagged {@code op}. */
    public static final String CRYPTO_KEY_STORE_STATEMENTS = "sluice.crypto.key.store.statements";

    public static final String ERASURE_CONFIRMATION = "sluice.erasure.confirmation";

    private MeterNames() {}
}
