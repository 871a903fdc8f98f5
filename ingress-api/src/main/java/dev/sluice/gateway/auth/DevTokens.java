package dev.sluice.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Mints HS256 tokens with the dev key: for {@code ./sluice token USER} and the dev sign-in page. */
public final class DevTokens {
    public static final String ISSUER = "sluice-dev";

    private final byte[] key;

    public DevTokens(byte[] key) {
        this.key = key.clone();
    }

    public String mint(String user, Duration ttl) {
        if (user == null || user.isBlank() || user.length() > 128) {
            throw new IllegalArgumentException("a user name of 1 to 128 characters is required");
        }
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(ISSUER)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
