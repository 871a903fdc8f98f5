package dev.sluice.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers bearer tokens that verified, so a client sending the same token with every chat
 * pays for its signature check, parse and claim validation once instead of per request.
 *
 * <p>Only a token the full decoder accepted is remembered, keyed by its exact text (a token that
 * differs in one byte is verified afresh). A remembered token is served only before its
 * {@code exp}, never in the clock-skew grace the validator allows after it (past {@code exp} the
 * decoder decides again), and for at most {@code maxAge} after it was verified, so a key that
 * leaves the JWKS stops being honoured within that time. The map holds at most {@code capacity}
 * tokens; when full, expired ones go first, then arbitrary ones.
 */
public final class VerifiedTokens implements JwtDecoder {
    /** Enough for a gateway's active users; at ~1 KB a token, a few MB at most. */
    public static final int DEFAULT_CAPACITY = 4096;

    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    private record Entry(Jwt jwt, Instant until) {}

    private final JwtDecoder decoder;
    private final Clock clock;
    private final int capacity;
    private final Duration maxAge;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public VerifiedTokens(JwtDecoder decoder, Clock clock, int capacity, Duration maxAge) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        if (maxAge.isNegative() || maxAge.isZero())
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        this.decoder = decoder;
        this.clock = clock;
        this.capacity = capacity;
        this.maxAge = maxAge;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Entry known = entries.get(token);
        if (known != null) {
            if (now.isBefore(known.until())) return known.jwt();
            entries.remove(token, known);
        }
        Jwt jwt = decoder.decode(token); // a token that fails throws here and is never remembered
        Instant until = now.plus(maxAge);
        Instant expires = jwt.getExpiresAt();
        if (expires != null && expires.isBefore(until)) until = expires;
        if (now.isBefore(until)) {
            if (entries.size() >= capacity) makeRoom(now);
            entries.put(token, new Entry(jwt, until));
        }
        return jwt;
    }

    /** Tokens remembered now. */
    public int size() {
        return entries.size();
    }

    private void makeRoom(Instant now) {
        entries.values().removeIf(e -> !now.isBefore(e.until()));
        // Still full: drop a quarter, whichever the map yields first.
        Iterator<String> it = entries.keySet().iterator();
        for (int drop = entries.size() - capacity * 3 / 4; drop > 0 && it.hasNext(); drop--) {
            it.next();
            it.remove();
        }
    }
}
