package dev.sluice.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.sluice.gateway.auth.DevKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TokenCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private long lifetimeSeconds() throws Exception {
        var claims =
                SignedJWT.parse(out.toString(StandardCharsets.UTF_8).strip()).getJWTClaimsSet();
        return (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
    }

    @Test
    void devTokensLiveOneHourUnlessAskedOtherwise() throws Exception {
        DevKey.loadOrCreate(dir);
        assertThat(run("alice", "--data-dir", dir.toString())).isZero();
        assertThat(lifetimeSeconds()).isEqualTo(3600);
        out.reset();
        assertThat(run("alice", "--data-dir", dir.toString(), "--ttl", "15m")).isZero();
        assertThat(lifetimeSeconds()).isEqualTo(900);
    }

    @Test
    void withoutADevKeyItRefusesAndWritesNone() {
        assertThat(run("alice", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no dev key", "--private-key");
        assertThat(Files.exists(dir.resolve(DevKey.FILE))).isFalse();
    }

    @Test
    void aDeploymentTokenCarriesIssuerAndAudienceAndIsSignedWithThePrivateKey() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        Path pem = dir.resolve("jwt-private.pem");
        Files.writeString(
                pem,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(
                                        gen.generateKeyPair().getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");

        assertThat(run("alice", "--private-key", pem.toString(), "--issuer", "sluice-compose", "--audience", "sluice"))
                .isZero();
        SignedJWT jwt = SignedJWT.parse(out.toString(StandardCharsets.UTF_8).strip());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("sluice-compose");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("sluice");
        assertThat(lifetimeSeconds()).isEqualTo(3600);
        assertThat(run("alice", "--private-key", pem.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("issuer and audience");
    }
}
