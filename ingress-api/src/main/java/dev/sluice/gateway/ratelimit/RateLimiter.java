package dev.sluice.gateway.ratelimit;

import dev.sluice.schemas.id.Ids;
import dev.sluice.schemas.metrics.MeterNames;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Per-user limits kept in Redis: chat requests and other calls per sliding window, and a
 * tokens-per-minute budget reserved at admission and settled to real usage on completion. Every decision is one Lua script call, so concurrent gateways
 * cannot both take the last slot. A user is the JWT {@code sub}, compared byte for byte.
 *
 * <p>Redis trouble never becomes a 500: the caller gets {@link RedisUnavailableException}
 * (fail closed) or an unknown decision (fail open); either way it is counted and logged at
 * most once every 10 s ({@link ScriptRunner}).
 */
public final class RateLimiter implements AutoCloseable {
    private static final String KEY_PREFIX = "sluice:rl:";
    /** How long a reservation waits for its settlement (and a settled one stays marked against a second delivery). */
    private static final long RESERVATION_TTL_MS = 600_000;

    private final ScriptRunner redis;
    private final RateLimitSettings settings;
    private final MeterRegistry meters;
    private final String admitSha;
    private final String chargeSha;
    private final String reserveSha;
    private final String settleSha;

    public RateLimiter(RedisClient client, RateLimitSettings settings, MeterRegistry meters) {
        this.redis = new ScriptRunner(client, settings.onRedisFailure(), meters);
        this.settings = settings;
        this.meters = meters;
        this.admitSha = ScriptRunner.sha1(RedisScripts.ADMIT);
        this.chargeSha = ScriptRunner.sha1(RedisScripts.CHARGE);
        this.reserveSha = ScriptRunner.sha1(RedisScripts.RESERVE);
        this.settleSha = ScriptRunner.sha1(RedisScripts.SETTLE);
    }

    /** Connects in the background: a gateway must start (and fail open or closed) while Redis is down. */
    public RateLimiter start() {
        redis.start();
        return this;
    }

    /** Takes one chat slot for {@code user} if both limits allow it (the budget must not be spent already). */
    public Decision admit(String user) {
        return decide(user, true, true);
    }

    /** Takes one slot of the separate bucket for every other authenticated call (models, history, resume, cancel). */
    public Decision admitRead(String user) {
        return decide(user, false, true);
    }

    /** Reports the user's chat standing without taking a slot. */
    public Decision peek(String user) {
        return decide(user, true, false);
    }

    private Decision decide(String user, boolean chat, boolean take) {
        String tag = userTag(user);
        int limit = chat ? settings.requestsPerWindow() : settings.readsPerWindow();
        String[] keys = {chat ? requestKey(tag) : readKey(tag), tokenKey(tag)};
        String[] args = {
            Long.toString(settings.window().toMillis()),
            Integer.toString(limit),
            Ids.newId(),
            chat ? Long.toString(settings.tokensPerMinute()) : "0",
            take ? "1" : "0"
        };
        // One retry after a timeout: the script is idempotent per member (args[2]), so a first
        // try that did run is not counted twice.
        List<Object> r = redis.eval(RedisScripts.ADMIT, admitSha, ScriptOutputType.MULTI, keys, args, 2);
        if (r == null) return failed();
        boolean admitted = ((Long) r.get(0)) == 1L;
        int remaining = (int) (long) (Long) r.get(1);
        long resetMs = (Long) r.get(2);
        long refused = (Long) r.get(3);
        long tokenWaitMs = (Long) r.get(4);
        String reason = refused == 1 ? "requests" : refused == 2 ? "tokens" : null;
        long retryMs = refused == 1 ? Math.max(resetMs, tokenWaitMs) : tokenWaitMs;
        if (reason != null && take) {
            meters.counter(MeterNames.RATELIMIT_REJECTIONS, "reason", chat ? reason : "reads")
                    .increment();
        }
        return new Decision(
                admitted, true, limit, remaining, ceilSeconds(resetMs), Math.max(1, ceilSeconds(retryMs)), reason);
    }

    /**
     * Reserves {@code tokens} (the chat's max_tokens) of the user's budget for response
     * {@code correlationId}, atomically with the check, so concurrent admissions cannot overspend.
     * Admitted without a look when the budget is off.
     */
    public Decision reserve(String user, String correlationId, long tokens) {
        if (settings.tokensPerMinute() <= 0 || tokens <= 0) return Decision.unknown();
        String tag = userTag(user);
        // One retry after a timeout: the script is idempotent per reservation key.
        List<Long> r = redis.eval(
                RedisScripts.RESERVE,
                reserveSha,
                ScriptOutputType.MULTI,
                new String[] {tokenKey(tag), reservationKey(tag, correlationId)},
                new String[] {Double.toString(msPerToken()), Long.toString(tokens), Long.toString(RESERVATION_TTL_MS)},
                2);
        if (r == null) return failed();
        boolean admitted = r.get(0) == 1L;
        if (!admitted)
            meters.counter(MeterNames.RATELIMIT_REJECTIONS, "reason", "tokens").increment();
        return new Decision(admitted, true, 0, 0, 0, Math.max(1, ceilSeconds(r.get(1))), admitted ? null : "tokens");
    }

    /**
     * Settles the reservation of {@code correlationId} to the tokens it really used: the unused
     * part goes back to the budget. Returns the tokens moved (negative: refunded), 0 when the
     * budget is off or it was settled before, null when Redis could not be reached.
     */
    public @Nullable Long settle(String user, String correlationId, long usedTokens) {
        if (settings.tokensPerMinute() <= 0) return 0L;
        String tag = userTag(user);
        // No retry: a first try that did run marked the reservation settled, and a retry would then move nothing
        // anyway.
        return redis.eval(
                RedisScripts.SETTLE,
                settleSha,
                ScriptOutputType.INTEGER,
                new String[] {tokenKey(tag), reservationKey(tag, correlationId)},
                new String[] {
                    Double.toString(msPerToken()),
                    Long.toString(Math.max(0, usedTokens)),
                    Long.toString(RESERVATION_TTL_MS)
                },
                1);
    }

    public long tokensPerMinute() {
        return settings.tokensPerMinute();
    }

    private double msPerToken() {
        return 60_000.0 / settings.tokensPerMinute();
    }

    /** Charges real usage to the user's token budget; false when Redis could not be reached. */
    public boolean charge(String user, long tokens) {
        if (settings.tokensPerMinute() <= 0 || tokens <= 0) return true;
        // No retry: charging is not idempotent, and a lost charge only errs in the user's favour.
        return redis.eval(
                        RedisScripts.CHARGE,
                        chargeSha,
                        ScriptOutputType.INTEGER,
                        new String[] {tokenKey(userTag(user))},
                        new String[] {Double.toString(msPerToken()), Long.toString(tokens)},
                        1)
                != null;
    }

    private Decision failed() {
        if (settings.onRedisFailure() == RateLimitSettings.FailureMode.CLOSED) {
            meters.counter(MeterNames.RATELIMIT_REJECTIONS, "reason", "redis_unavailable")
                    .increment();
            throw new RedisUnavailableException();
        }
        return Decision.unknown();
    }

    /**
     * Keys carry a hash of the exact subject: bounded length whatever the IdP puts in sub, and
     * the braces make a Redis Cluster keep both keys of one user in one slot (scripts need that).
     */
    static String userTag(String user) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8));
            return "{" + HexFormat.of().formatHex(digest, 0, 16) + "}";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Redis key holding {@code user}'s token budget (for operators and tests). */
    public static String tokenBudgetKey(String user) {
        return tokenKey(userTag(user));
    }

    /** The Redis key holding what response {@code correlationId} of {@code user} reserved (for tests). */
    public static String reservationKeyOf(String user, String correlationId) {
        return reservationKey(userTag(user), correlationId);
    }

    private static String reservationKey(String tag, String correlationId) {
        return KEY_PREFIX + "resv:" + tag + ":" + correlationId;
    }

    private static String readKey(String tag) {
        return KEY_PREFIX + "read:" + tag;
    }

    private static String requestKey(String tag) {
        return KEY_PREFIX + "req:" + tag;
    }

    private static String tokenKey(String tag) {
        return KEY_PREFIX + "tok:" + tag;
    }

    private static long ceilSeconds(long ms) {
        return ms <= 0 ? 0 : (ms + 999) / 1000;
    }

    @Override
    public void close() {
        redis.close();
    }
}
