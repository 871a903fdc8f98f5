package dev.sluice.gateway.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
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
            throw new IllegalStateException("Configure exactly one of sluice.auth.hs256-secret, sluice.auth.jwks-uri and "
                    + "sluice.auth.public-key; " + settings.keySources() + " are set.");
        }
        NimbusJwtDecoder decoder;
        if (settings.hasHs256Secret()) {
            decoder = hs256(decodeSecret(settings.hs256Secret()));
        } else if (settings.hasJwksUri()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwksUri())
                    .jwsAlgorithms(a -> {
                        a.add(SignatureAlgorithm.RS256);
                        a.add(SignatureAlgorithm.ES256);
                    }).build();
        } else if (settings.hasPublicKey()) {
            decoder = fromPem(settings.publicKey());
        } else if (devMode) {
            log.info("auth: dev mode, verifying HS256 tokens with the dev key in {}", dataDir.toAbsolutePath());
            decoder = hs256(DevKey.loadOrCreate(dataDir));
        } else if (!gatewayRole) {
            // Not a gateway: /v1 is not served here, so no token needs to verify.
            return token -> {
                throw new BadJwtException("This instance does not serve the API.");
            };
        } else {
            throw new IllegalStateException("No JWT verification key is configured. Set one of sluice.auth.jwks-uri "
                    + "(SLUICE_AUTH_JWKS_URI, your identity provider's JWKS endpoint), sluice.auth.public-key (a PEM file) or "
                    + "sluice.auth.hs256-secret (base64, at least 32 bytes), or run in dev mode (sluice.dev.enabled=true).");
        }
        decoder.setJwtValidator(TokenValidators.of(settings));
        return decoder;
    }

    static NimbusJwtDecoder hs256(byte[] key) {
        if (key.length < 32) {
            throw new IllegalStateException("sluice.auth.hs256-secret must decode to at least 32 bytes (256 bits); it has " + key.length + ".");
        }
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256")).macAlgorithm(MacAlgorithm.HS256).build();
    }

    private static byte[] decodeSecret(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sluice.auth.hs256-secret is not valid base64: " + e.getMessage());
        }
    }

    static NimbusJwtDecoder fromPem(Path file) {
        PublicKey key = readPublicKey(file);
        if (key instanceof RSAPublicKey rsa) {
            return NimbusJwtDecoder.withPublicKey(rsa).signatureAlgorithm(SignatureAlgorithm.RS256).build();
        }
        if (key instanceof ECPublicKey ec) {
            if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
                throw new IllegalStateException("sluice.auth.public-key " + file + " is an EC key but not on P-256; ES256 needs P-256.");
            }
            JWKSet set = new JWKSet(new ECKey.Builder(Curve.P_256, ec).build());
            return NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(set)).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        }
        throw new IllegalStateException("sluice.auth.public-key " + file + " holds a " + key.getAlgorithm() + " key; use RSA (RS256) or EC P-256 (ES256).");
    }

    static PublicKey readPublicKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sluice.auth.public-key " + file, e);
        }
        if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
            throw new IllegalStateException("sluice.auth.public-key " + file + " must be a PEM 'BEGIN PUBLIC KEY' (SubjectPublicKeyInfo) file.");
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
        throw new IllegalStateException("sluice.auth.public-key " + file + " is neither an RSA nor an EC public key.");
    }

    private JwtDecoders() {
    }
}
