package dev.sluice.gateway.ratelimit;

/**
 * The Lua scripts, each one atomic in Redis, so any number of gateways share one exact count.
 * Time comes from Redis ({@code TIME}), never from a gateway's clock, so skewed hosts agree.
 */
final class RedisScripts {

    /**
     * Sliding-window log of request start times (a sorted set, one member per admitted
     * request) plus a check of the token budget. KEYS: window set, token key. ARGV: window ms,
     * limit, a unique member, token budget per minute (0 = off), 1 to admit or 0 to only look.
     * Returns {admitted, remaining, reset ms, refused (0 none, 1 requests, 2 tokens), token wait ms}.
     * Idempotent per member: a retry after a timeout, whose first try did run, finds its member
     * already in the window and is admitted again without taking a second slot.
     */
    static final String ADMIT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local window = tonumber(ARGV[1])
            local limit = tonumber(ARGV[2])
            local budget = tonumber(ARGV[4])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            local count = redis.call('ZCARD', KEYS[1])
            local reset = 0
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            if #oldest > 0 then reset = tonumber(oldest[2]) + window - now end
            if redis.call('ZSCORE', KEYS[1], ARGV[3]) then return {1, limit - count, reset, 0, 0} end
            local wait = 0
            if budget > 0 then
              local tat = tonumber(redis.call('GET', KEYS[2]) or '0')
              if tat - now > 60000 then wait = tat - now - 60000 end
            end
            if count >= limit then return {0, 0, reset, 1, wait} end
            if wait > 0 then return {0, limit - count, reset, 2, wait} end
            if ARGV[5] == '1' then
              redis.call('ZADD', KEYS[1], now, ARGV[3])
              redis.call('PEXPIRE', KEYS[1], window)
              count = count + 1
              if reset == 0 then reset = window end
            end
            return {1, limit - count, reset, 0, 0}
            """;

    /**
     * Charges tokens to a per-user token budget kept as GCRA: the key holds the time at which
     * everything spent so far will have refilled. Spending n tokens moves it n * (60000 /
     * budget) ms later; the user is over budget while it is more than a minute ahead of now.
     * KEYS: token key. ARGV: ms per token, tokens.
     */
    static final String CHARGE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
            if tat < now then tat = now end
            tat = tat + tonumber(ARGV[1]) * tonumber(ARGV[2])
            redis.call('SET', KEYS[1], string.format('%d', math.floor(tat)), 'PX', math.floor(tat - now) + 1000)
            return math.floor(tat - now)
            """;

    private RedisScripts() {
    }
}
