package dev.sluice.gateway.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the one {@link JwtDecoder} the gateway trusts. Each decoder accepts exactly one
 * algorithm family, so a token signed with another algorithm (HS256 presented to an RS256
 * gateway, the classic algorithm-confusion attack, or {@code alg: none}) is rejected by Nimbus
 * before any key is tried.
 */
public final class JwtDecoders {
    private static final Logger log = LoggerFactory.getLogger(JwtDecoders.class);

    /**
     * @param devMode      {@code sluice.dev.enabled}: with no key source configured, use the dev key
     * @param gatewayRole  whether this process serves the API; other roles start without a key
     */
    public static JwtDecoder create(AuthSettings settings, boolean devMode, boolean gatewayRole, Path dataDir) {
        if (settings.keySources() > 1) {
            throw new AuthConfigurationException(
                    "Configure exactly one of sluice.auth.hs256-secret, sluice.auth.jwks-uri and "
                            + "sluice.auth.public-key; " + settings.keySources() + " are set.");
        }
        NimbusJwtDecoder decoder;
        if (settings.hasHs256Secret()) {
            decoder = hs256(decodeSecret(Objects.requireNonNull(settings.hs256Secret()))); // hasHs256Secret(): set
        } else if (settings.hasJwksUri()) {
            requireIssuerAndAudience(settings, "sluice.auth.jwks-uri");
            decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwksUri())
                    .jwsAlgorithms(a -> {
                        a.add(SignatureAlgorithm.RS256);
                        a.add(SignatureAlgorithm.ES256);
                    })
                    .build();
        } else if (settings.hasPublicKey()) {
            requireIssuerAndAudience(settings, "sluice.auth.public-key");
            decoder = fromPem(Objects.requireNonNull(settings.publicKey())); // hasPublicKey(): set
        } else if (devMode) {
            log.info("auth: dev mode, verifying HS256 tokens with the dev key in {}", dataDir.toAbsolutePath());
            decoder = hs256(DevKey.loadOrCreate(dataDir));
        } else if (!gatewayRole) {
            // Not a gateway: /v1 is not served here, so no token needs to verify.
            return token -> {
                throw new BadJwtException("This instance does not serve the API.");
            };
        } else {
            throw new AuthConfigurationException(NO_KEY);
        }
        decoder.setJwtValidator(TokenValidators.of(settings));
        return new VerifiedTokens(
                decoder, Clock.systemUTC(), VerifiedTokens.DEFAULT_CAPACITY, VerifiedTokens.DEFAULT_MAX_AGE);
    }

    /** What a gateway without a key is told: the settings by name, never dev mode (that is {@code ./sluice dev} only). */
    static final String NO_KEY =
            "No JWT verification key is configured, so this gateway cannot check tokens. Set one of: "
                    + "sluice.auth.jwks-uri (SLUICE_AUTH_JWKS_URI: your identity provider's JWKS endpoint) or "
                    + "sluice.auth.public-key (SLUICE_AUTH_PUBLIC_KEY: a PEM RSA or EC P-256 public key file), each with "
                    + "sluice.auth.issuer (SLUICE_AUTH_ISSUER) and sluice.auth.audience (SLUICE_AUTH_AUDIENCE); or "
                    + "sluice.auth.hs256-secret (SLUICE_AUTH_HS256_SECRET: base64, at least 32 bytes). "
                    + "infra/compose/gen-cert.sh and infra/k8s/create-secrets.sh generate a key pair; see docs/security.md.";

    /**
     * A public key or JWKS usually belongs to an identity provider that signs tokens for many
     * services; without iss and aud checks a token it issued for any of them would pass here.
     */
    private static void requireIssuerAndAudience(AuthSettings settings, String source) {
        List<String> missing = new ArrayList<>();
        if (settings.issuer() == null || settings.issuer().isBlank())
            missing.add("sluice.auth.issuer (SLUICE_AUTH_ISSUER)");
        if (settings.audience() == null || settings.audience().isBlank())
            missing.add("sluice.auth.audience (SLUICE_AUTH_AUDIENCE)");
        if (!missing.isEmpty()) {
            throw new AuthConfigurationException(
                    source + " is set, so " + String.join(" and ", missing) + (missing.size() > 1 ? " are" : " is")
                            + " required too: without them a token the same key signed for another service or issuer would be accepted here.");
        }
    }

    static NimbusJwtDecoder hs256(byte[] key) {
        if (key.length < 32) {
            throw new AuthConfigurationException(
                    "sluice.auth.hs256-secret must decode to at least 32 bytes (256 bits); it has " + key.length + ".");
        }
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }

    private static byte[] decodeSecret(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new AuthConfigurationException("sluice.auth.hs256-secret is not valid base64: " + e.getMessage());
        }
    }

    static NimbusJwtDecoder fromPem(Path file) {
        PublicKey key = readPublicKey(file);
        if (key instanceof RSAPublicKey rsa) {
            return NimbusJwtDecoder.withPublicKey(rsa)
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        }
        if (key instanceof ECPublicKey ec) {
            if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
                throw new AuthConfigurationException(
                        "sluice.auth.public-key " + file + " is an EC key but not on P-256; ES256 needs P-256.");
            }
            JWKSet set = new JWKSet(new ECKey.Builder(Curve.P_256, ec).build());
            return NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(set))
                    .jwsAlgorithm(SignatureAlgorithm.ES256)
                    .build();
        }
        throw new AuthConfigurationException("sluice.auth.public-key " + file + " holds a " + key.getAlgorithm()
                + " key; use RSA (RS256) or EC P-256 (ES256).");
    }

    static PublicKey readPublicKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file);
        } catch (IOException e) {
            throw new AuthConfigurationException("cannot read sluice.auth.public-key " + file + ": " + e);
        }
        if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
            throw new AuthConfigurationException("sluice.auth.public-key " + file
                    + " must be a PEM 'BEGIN PUBLIC KEY' (SubjectPublicKeyInfo) file.");
        }
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new AuthConfigurationException(
                "sluice.auth.public-key " + file + " is neither an RSA nor an EC public key.");
    }

    private JwtDecoders() {}
}
