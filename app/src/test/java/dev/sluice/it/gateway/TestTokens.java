package dev.sluice.it.gateway;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.sluice.gateway.auth.DevKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** Hand-made tokens, good and bad, for the gateway's auth tests (signed with the test stack's dev key). */
final class TestTokens {
    private final byte[] devKey;

    TestTokens(Path dataDir) {
        this.devKey = DevKey.loadOrCreate(dataDir);
    }

    static JWTClaimsSet.Builder claims(String sub) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(sub)
                .issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plusSeconds(600)));
    }

    String hs256(JWTClaimsSet claims) {
        return sign(JWSAlgorithm.HS256, macSigner(devKey), claims);
    }

    String hs512(JWTClaimsSet claims) {
        byte[] longKey = new byte[64];
        System.arraycopy(devKey, 0, longKey, 0, devKey.length);
        return sign(JWSAlgorithm.HS512, macSigner(longKey), claims);
    }

    static String hs256WithKey(String key, JWTClaimsSet claims) {
        return sign(JWSAlgorithm.HS256, macSigner(key.getBytes(StandardCharsets.UTF_8)), claims);
    }

    static String rs256(JWTClaimsSet claims) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return sign(
                    JWSAlgorithm.RS256, new RSASSASigner(gen.generateKeyPair().getPrivate()), claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /**
     * RS256 signed by a fresh key whose public half rides in the token's own header ({@code jwk}):
     * a verifier that trusted the header would accept anything its bearer signs.
     */
    static String withEmbeddedJwk(JWTClaimsSet claims) {
        try {
            com.nimbusds.jose.jwk.RSAKey key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .jwk(key.toPublicJWK())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with the right key, with a hostile {@code kid} and {@code jku} in the header (which must be ignored, never followed). */
    String hs256WithHostileHeader(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID("../../../../etc/passwd")
                            .jwkURL(java.net.URI.create("http://127.0.0.1:1/keys.json"))
                            .build(),
                    claims);
            jwt.sign(macSigner(devKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token whose payload was swapped for another (the signature no longer matches). */
    String tampered(String sub, String forgedSub) {
        String[] good = hs256(claims(sub).build()).split("\\.");
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims(forgedSub).build().toString().getBytes(StandardCharsets.UTF_8));
        return good[0] + "." + forged + "." + good[2];
    }

    /** The header and payload of a valid token with the signature left off. */
    String stripped(String sub) {
        String[] good = hs256(claims(sub).build()).split("\\.");
        return good[0] + "." + good[1] + ".";
    }

    private static String sign(JWSAlgorithm alg, JWSSigner signer, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MACSigner macSigner(byte[] key) {
        try {
            return new MACSigner(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
