package dev.sluice.gateway.auth;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bearer tokens are verified. Exactly one key source may be set: a base64 HS256 secret, a
 * JWKS URI (RS256/ES256, the usual identity-provider setup) or a PEM public key file. With none
 * set, only dev mode starts (it signs and verifies with the dev key in the data directory).
 *
 * @param hs256Secret base64 shared secret, at least 32 bytes (HS256 only)
 * @param jwksUri   the identity provider's JWKS endpoint (RS256, ES256); keys are fetched, cached and picked by {@code kid}
 * @param publicKey a PEM {@code BEGIN PUBLIC KEY} file: RSA (RS256) or EC P-256 (ES256)
 * @param issuer    when set, the token's {@code iss} must equal it
 * @param audience  when set, the token's {@code aud} must contain it
 * @param clockSkew tolerance for {@code exp} and {@code nbf} between this host and the issuer
 */
@ConfigurationProperties("sluice.auth")
public record AuthSettings(
        @Nullable String hs256Secret,
        @Nullable String jwksUri,
        @Nullable Path publicKey,
        @Nullable String issuer,
        @Nullable String audience,
        @DefaultValue("30s") Duration clockSkew) {

    boolean hasHs256Secret() {
        return hs256Secret != null && !hs256Secret.isBlank();
    }

    boolean hasJwksUri() {
        return jwksUri != null && !jwksUri.isBlank();
    }

    boolean hasPublicKey() {
        return publicKey != null && !publicKey.toString().isBlank();
    }

    int keySources() {
        return (hasHs256Secret() ? 1 : 0) + (hasJwksUri() ? 1 : 0) + (hasPublicKey() ? 1 : 0);
    }
}
