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

    /**
     * Reserves a chat's {@code max_tokens} in the GCRA budget at admission, or refuses it when
     * that would put the budget more than a minute ahead: N concurrent admissions therefore
     * reserve at most the budget (plus what refilled meanwhile), whatever their interleaving.
     * Remembers the amount under the response's reservation key for {@link #SETTLE}.
     * KEYS: token key, reservation key. ARGV: ms per token, tokens, reservation TTL ms.
     * Returns {reserved (1/0), ms until it would fit}. Idempotent per reservation key.
     */
    static final String RESERVE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            if redis.call('EXISTS', KEYS[2]) == 1 then return {1, 0} end
            local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
            if tat < now then tat = now end
            local after = tat + tonumber(ARGV[1]) * tonumber(ARGV[2])
            if after - now > 60000 then return {0, math.ceil(after - now - 60000)} end
            redis.call('SET', KEYS[1], string.format('%d', math.floor(after)), 'PX', math.floor(after - now) + 1000)
            redis.call('SET', KEYS[2], ARGV[2], 'PX', tonumber(ARGV[3]))
            return {1, 0}
            """;

    /**
     * Settles a reservation to the real usage: refunds what was reserved and not used (never
     * below a full budget) or charges what was used beyond it. The reservation key then reads
     * {@code settled}, so a completion delivered twice is settled once. Without a reservation
     * (budget switched on meanwhile, or it expired) the whole usage is charged.
     * KEYS: token key, reservation key. ARGV: ms per token, tokens used, settled-marker TTL ms.
     * Returns the tokens moved: negative for a refund.
     */
    static final String SETTLE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local r = redis.call('GET', KEYS[2])
            if r == 'settled' then return 0 end
            redis.call('SET', KEYS[2], 'settled', 'PX', tonumber(ARGV[3]))
            local diff = tonumber(ARGV[2]) - tonumber(r or '0')
            if diff == 0 then return 0 end
            local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
            if diff > 0 and tat < now then tat = now end
            tat = tat + tonumber(ARGV[1]) * diff
            if tat <= now then
              redis.call('DEL', KEYS[1])
            else
              redis.call('SET', KEYS[1], string.format('%d', math.floor(tat)), 'PX', math.floor(tat - now) + 1000)
            end
            return diff
            """;

    private RedisScripts() {}
}
