package dev.sluice.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class JwtDecodersTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();

    @TempDir
    Path dir;

    private static final String ISSUER = "https://id.example";
    private static final String AUDIENCE = "sluice";

    private static AuthSettings hs256() {
        return new AuthSettings(
                Base64.getEncoder().encodeToString(SECRET), null, null, null, null, Duration.ofSeconds(30));
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject("alice")
                .issueTime(Date.from(now.minusSeconds(300)))
                .expirationTime(Date.from(now.plusSeconds(600)));
    }

    private static JWTClaimsSet.Builder issued() {
        return claims().issuer(ISSUER).audience(AUDIENCE);
    }

    private static String sign(JWSAlgorithm alg, JWSSigner signer, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private JwtDecoder decoder(AuthSettings settings) {
        return JwtDecoders.create(settings, false, true, dir);
    }

    @Test
    void acceptsAnHs256TokenSignedWithTheConfiguredSecret() throws Exception {
        String token = sign(JWSAlgorithm.HS256, new MACSigner(SECRET), claims().build());
        assertThat(decoder(hs256()).decode(token).getSubject()).isEqualTo("alice");
    }

    @Test
    void rejectsUnsignedWrongKeyExpiredAndClaimlessTokens() throws Exception {
        JwtDecoder decoder = decoder(hs256());
        Instant now = Instant.now();
        List<String> bad = List.of(
                new PlainJWT(claims().build()).serialize(),
                sign(
                        JWSAlgorithm.HS256,
                        new MACSigner("another-secret-another-secret-xx".getBytes()),
                        claims().build()),
                sign(
                        JWSAlgorithm.HS256,
                        new MACSigner(SECRET),
                        claims().expirationTime(Date.from(now.minusSeconds(90))).build()),
                sign(
                        JWSAlgorithm.HS256,
                        new MACSigner(SECRET),
                        claims().notBeforeTime(Date.from(now.plusSeconds(120))).build()),
                sign(
                        JWSAlgorithm.HS256,
                        new MACSigner(SECRET),
                        claims().expirationTime(null).build()),
                sign(
                        JWSAlgorithm.HS256,
                        new MACSigner(SECRET),
                        claims().subject(null).build()),
                sign(
                        JWSAlgorithm.HS256,
                        new MACSigner(SECRET),
                        claims().subject("alice ").build()),
                sign(
                        JWSAlgorithm.HS256,
                        new MACSigner(SECRET),
                        claims().subject("ali\u0000ce").build()),
                "not.a.jwt",
                "");
        for (String token : bad) {
            assertThatThrownBy(() -> decoder.decode(token)).as(token).isInstanceOf(JwtException.class);
        }
    }

    @Test
    void toleratesExpiryWithinTheClockSkew() throws Exception {
        String token = sign(
                JWSAlgorithm.HS256,
                new MACSigner(SECRET),
                claims().expirationTime(Date.from(Instant.now().minusSeconds(10)))
                        .build());
        assertThat(decoder(hs256()).decode(token).getSubject()).isEqualTo("alice");
    }

    @Test
    void rsaKeyRejectsHs256TokensSignedWithThePublicKeyBytes() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path pem = writePem(rsa);
        JwtDecoder decoder = decoder(new AuthSettings(null, null, pem, ISSUER, AUDIENCE, Duration.ofSeconds(30)));

        assertThat(decoder.decode(sign(JWSAlgorithm.RS256, new RSASSASigner(rsa.getPrivate()), issued().build()))
                        .getSubject())
                .isEqualTo("alice");
        // Algorithm confusion: the public key (which everyone has) used as an HMAC secret.
        String confused = sign(JWSAlgorithm.HS256, new MACSigner(rsa.getPublic().getEncoded()), issued().build());
        assertThatThrownBy(() -> decoder.decode(confused)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(sign(JWSAlgorithm.HS256, new MACSigner(SECRET), issued().build())))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void ecP256PemVerifiesEs256() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = gen.generateKeyPair();
        JwtDecoder decoder =
                decoder(new AuthSettings(null, null, writePem(ec), ISSUER, AUDIENCE, Duration.ofSeconds(30)));
        String token = sign(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) ec.getPrivate()), issued().build());
        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
    }

    @Test
    void aPublicKeyOrJwksWithoutIssuerAndAudienceRefusesToStart() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        Path pem = writePem(gen.generateKeyPair());
        for (AuthSettings lax : List.of(
                new AuthSettings(null, null, pem, null, null, Duration.ofSeconds(30)),
                new AuthSettings(null, null, pem, ISSUER, null, Duration.ofSeconds(30)),
                new AuthSettings(null, null, pem, null, AUDIENCE, Duration.ofSeconds(30)),
                new AuthSettings(null, "https://id.example/jwks", null, ISSUER, " ", Duration.ofSeconds(30)))) {
            assertThatThrownBy(() -> decoder(lax))
                    .as(lax.toString())
                    .isInstanceOf(AuthConfigurationException.class)
                    .hasMessageContaining("required")
                    .hasMessageContaining("SLUICE_AUTH_");
        }
    }

    @Test
    void tokensTheCliMintsWithThePrivateKeyVerifyOnlyForTheirIssuerAndAudience() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = gen.generateKeyPair();
        Path privatePem = Files.createTempFile(dir, "private", ".pem");
        Files.writeString(
                privatePem,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        JwtDecoder decoder =
                decoder(new AuthSettings(null, null, writePem(pair), ISSUER, AUDIENCE, Duration.ofSeconds(30)));

        assertThat(decoder.decode(KeyPairTokens.fromPem(privatePem, ISSUER, AUDIENCE)
                                .mint("alice", Duration.ofMinutes(5)))
                        .getSubject())
                .isEqualTo("alice");
        String otherAudience =
                KeyPairTokens.fromPem(privatePem, ISSUER, "billing").mint("alice", Duration.ofMinutes(5));
        String otherIssuer = KeyPairTokens.fromPem(privatePem, "https://evil.example", AUDIENCE)
                .mint("alice", Duration.ofMinutes(5));
        assertThatThrownBy(() -> decoder.decode(otherAudience)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(otherIssuer)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> KeyPairTokens.fromPem(writePem(pair), ISSUER, AUDIENCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BEGIN PRIVATE KEY");
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() throws Exception {
        AuthSettings strict = new AuthSettings(
                Base64.getEncoder().encodeToString(SECRET),
                null,
                null,
                "https://id.example",
                "sluice",
                Duration.ofSeconds(30));
        JwtDecoder decoder = decoder(strict);
        Consumer<JWTClaimsSet.Builder> good =
                b -> b.issuer("https://id.example").audience("sluice");
        JWTClaimsSet.Builder ok = claims();
        good.accept(ok);
        assertThat(decoder.decode(sign(JWSAlgorithm.HS256, new MACSigner(SECRET), ok.build()))
                        .getSubject())
                .isEqualTo("alice");
        JWTClaimsSet wrongIssuer =
                claims().issuer("https://evil.example").audience("sluice").build();
        JWTClaimsSet wrongAudience =
                claims().issuer("https://id.example").audience("other").build();
        assertThatThrownBy(() -> decoder.decode(sign(JWSAlgorithm.HS256, new MACSigner(SECRET), wrongIssuer)))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(sign(JWSAlgorithm.HS256, new MACSigner(SECRET), wrongAudience)))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void refusesToStartWithoutExactlyOneKeySourceOutsideDevMode() {
        AuthSettings none = new AuthSettings(null, null, null, null, null, Duration.ofSeconds(30));
        // The message names the real settings and never suggests dev mode (that is ./sluice dev only).
        assertThatThrownBy(() -> decoder(none))
                .isInstanceOf(AuthConfigurationException.class)
                .hasMessageContaining("SLUICE_AUTH_JWKS_URI")
                .hasMessageContaining("SLUICE_AUTH_PUBLIC_KEY")
                .hasMessageContaining("SLUICE_AUTH_ISSUER")
                .hasMessageContaining("SLUICE_AUTH_AUDIENCE")
                .hasMessageNotContaining("dev");
        AuthSettings two = new AuthSettings(
                Base64.getEncoder().encodeToString(SECRET),
                "https://id.example/jwks",
                null,
                null,
                null,
                Duration.ofSeconds(30));
        assertThatThrownBy(() -> decoder(two))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly one");
        AuthSettings shortSecret = new AuthSettings(
                Base64.getEncoder().encodeToString(new byte[16]), null, null, null, null, Duration.ofSeconds(30));
        assertThatThrownBy(() -> decoder(shortSecret))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
        assertThat(JwtDecoders.create(none, true, true, dir)).isNotNull();
    }

    private Path writePem(KeyPair pair) throws Exception {
        Path file = Files.createTempFile(dir, "key", ".pem");
        Files.writeString(
                file,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        return file;
    }
}
