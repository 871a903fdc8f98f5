package dev.sluice.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {
    private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");

    @TempDir
    java.nio.file.Path dir;

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Accepts "good-…" tokens expiring at exp, refuses the rest; counts every call. */
    private static final class Counting implements JwtDecoder {
        final AtomicInteger calls = new AtomicInteger();
        final Moving clock;
        final Instant exp;

        Counting(Moving clock, Instant exp) {
            this.clock = clock;
            this.exp = exp;
        }

        @Override
        public Jwt decode(String token) {
            calls.incrementAndGet();
            if (!token.startsWith("good-")) throw new BadJwtException("bad signature");
            if (!clock.now.isBefore(exp.plusSeconds(30))) throw new BadJwtException("expired");
            return Jwt.withTokenValue(token)
                    .header("alg", "HS256")
                    .subject(token.substring(5))
                    .issuedAt(T0.minusSeconds(60))
                    .expiresAt(exp)
                    .build();
        }
    }

    @Test
    void aTokenIsVerifiedOnceAndServedFromMemoryAfter() {
        Moving clock = new Moving();
        Counting inner = new Counting(clock, T0.plusSeconds(3600));
        VerifiedTokens tokens = remember(inner, 16);
        Jwt first = tokens.decode("good-alice");
        for (int i = 0; i < 10; i++) assertThat(tokens.decode("good-alice")).isSameAs(first);
        assertThat(inner.calls).hasValue(1);
        assertThat(tokens.decode("good-bob").getSubject()).isEqualTo("bob");
        assertThat(inner.calls).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        Moving clock = new Moving();
        Counting inner = new Counting(clock, T0.plusSeconds(3600));
        VerifiedTokens tokens = remember(inner, 16);
        for (int i = 0; i < 3; i++)
            assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(inner.calls).hasValue(3);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aRememberedTokenIsServedOnlyBeforeItsExpiryThenTheDecoderDecides() {
        Moving clock = new Moving();
        Counting inner = new Counting(clock, T0.plusSeconds(60));
        VerifiedTokens tokens = remember(inner, 16);
        tokens.decode("good-alice");
        clock.now = T0.plusSeconds(59);
        tokens.decode("good-alice");
        assertThat(inner.calls).hasValue(1);
        // At exp the memory no longer answers; within the skew the decoder still accepts (and it is not kept).
        clock.now = T0.plusSeconds(70);
        assertThat(tokens.decode("good-alice").getSubject()).isEqualTo("alice");
        assertThat(inner.calls).hasValue(2);
        tokens.decode("good-alice");
        assertThat(inner.calls).hasValue(3);
        // Past the skew the decoder refuses, and so does the gateway.
        clock.now = T0.plusSeconds(91);
        assertThatThrownBy(() -> tokens.decode("good-alice")).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterMaxAge() {
        Moving clock = new Moving();
        Counting inner = new Counting(clock, T0.plusSeconds(86_400));
        VerifiedTokens tokens = remember(inner, 16);
        tokens.decode("good-alice");
        clock.now = T0.plus(Duration.ofMinutes(5)).minusSeconds(1);
        tokens.decode("good-alice");
        assertThat(inner.calls).hasValue(1);
        clock.now = T0.plus(Duration.ofMinutes(5));
        tokens.decode("good-alice");
        assertThat(inner.calls).hasValue(2);
    }

    @Test
    void theMemoryStaysWithinItsCapacity() {
        Moving clock = new Moving();
        Counting inner = new Counting(clock, T0.plusSeconds(3600));
        VerifiedTokens tokens = remember(inner, 100);
        for (int i = 0; i < 1_000; i++) {
            tokens.decode("good-user" + i);
            assertThat(tokens.size()).isLessThanOrEqualTo(100);
        }
        // The latest token is still served from memory.
        int calls = inner.calls.get();
        tokens.decode("good-user999");
        assertThat(inner.calls).hasValue(calls);
    }

    @Test
    void theGatewaysDecoderRemembersOnlyWhatItsKeyVerified() throws Exception {
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes();
        AuthSettings settings = new AuthSettings(
                Base64.getEncoder().encodeToString(secret), null, null, null, null, Duration.ofSeconds(30));
        JwtDecoder decoder = JwtDecoders.create(settings, false, true, dir);
        assertThat(decoder).isInstanceOf(VerifiedTokens.class);
        String good = sign(secret, "alice");
        String forged = sign("fedcba9876543210fedcba9876543210".getBytes(), "alice");
        assertThat(decoder.decode(good).getSubject()).isEqualTo("alice");
        assertThat(decoder.decode(good).getSubject()).isEqualTo("alice");
        // Same claims under another key: a different token, verified afresh and refused.
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(((VerifiedTokens) decoder).size()).isEqualTo(1);
    }

    private static VerifiedTokens remember(Counting inner, int capacity) {
        return new VerifiedTokens(inner, inner.clock, capacity, Duration.ofMinutes(5));
    }

    private static String sign(byte[] key, String subject) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .subject(subject)
                        .issueTime(Date.from(now.minusSeconds(10)))
                        .expirationTime(Date.from(now.plusSeconds(600)))
                        .build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
