package dev.sluice.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.jspecify.annotations.Nullable;

/**
 * Mints RS256/ES256 tokens with the private half of the key pair a deployment's gateways verify
 * ({@code sluice.auth.public-key}): what {@code ./sluice token USER --private-key FILE} uses for
 * the compose and Kubernetes deployments, whose gateways have no dev key.
 */
public final class KeyPairTokens {
    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final String issuer;
    private final String audience;

    private KeyPairTokens(JWSSigner signer, JWSAlgorithm algorithm, String issuer, String audience) {
        this.signer = signer;
        this.algorithm = algorithm;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** @param pem a PKCS#8 {@code BEGIN PRIVATE KEY} file (openssl genpkey writes one) */
    public static KeyPairTokens fromPem(Path pem, @Nullable String issuer, @Nullable String audience) {
        if (issuer == null || issuer.isBlank() || audience == null || audience.isBlank()) {
            throw new IllegalArgumentException(
                    "a token for a deployment needs its issuer and audience (the gateways require both)");
        }
        PrivateKey key = readPrivateKey(pem);
        try {
            if (key instanceof ECPrivateKey ec)
                return new KeyPairTokens(new ECDSASigner(ec), JWSAlgorithm.ES256, issuer, audience);
        } catch (JOSEException e) {
            throw new IllegalArgumentException(pem + ": " + e.getMessage(), e);
        }
        if (key instanceof RSAPrivateKey rsa)
            return new KeyPairTokens(new RSASSASigner(rsa), JWSAlgorithm.RS256, issuer, audience);
        throw new IllegalArgumentException(pem + " holds a " + key.getAlgorithm() + " key; use RSA or EC P-256");
    }

    public String mint(String user, Duration ttl) {
        if (user == null || user.isBlank() || user.length() > 128) {
            throw new IllegalArgumentException("a user name of 1 to 128 characters is required");
        }
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    static PrivateKey readPrivateKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the private key " + file + ": " + e.getMessage(), e);
        }
        if (!pem.contains("-----BEGIN PRIVATE KEY-----") || !pem.contains("-----END PRIVATE KEY-----")) {
            throw new IllegalArgumentException(file + " must be a PKCS#8 PEM 'BEGIN PRIVATE KEY' file "
                    + "(convert with: openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW)");
        }
        String body = pem.substring(
                        pem.indexOf("-----BEGIN PRIVATE KEY-----"), pem.indexOf("-----END PRIVATE KEY-----"))
                .replace("-----BEGIN PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        for (String algorithm : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(file + " is neither an RSA nor an EC private key");
    }
}
