package dev.sluice.bench.gateway;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sluice.gateway.auth.VerifiedTokens;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * CPU of checking a chat's bearer token, per request: the signature, the parse and the claim
 * validators every time (Spring's Nimbus decoder, as the gateway had it) against
 * {@link VerifiedTokens} (each distinct token verified once, then served from memory until its
 * exp), for HS256, RS256 and ES256, with 100 users' tokens round-robin. Thread CPU time of one
 * closed loop per row (warm: a real gateway at tens of requests a second runs colder, so this
 * understates both rows).
 * Args: [results.md] [calls per row]
 */
public final class JwtVerifyCost {
    private static final int USERS = 100;

    private record Alg(String name, JWSAlgorithm alg, JWSSigner signer, NimbusJwtDecoder decoder) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/jwt.md");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes();
        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(2048);
        KeyPair rsa = rsaGen.generateKeyPair();
        KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
        ecGen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = ecGen.generateKeyPair();

        List<Alg> algs = List.of(
                new Alg(
                        "HS256",
                        JWSAlgorithm.HS256,
                        new MACSigner(secret),
                        NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                                .macAlgorithm(MacAlgorithm.HS256)
                                .build()),
                new Alg(
                        "RS256 (2048-bit)",
                        JWSAlgorithm.RS256,
                        new RSASSASigner(rsa.getPrivate()),
                        NimbusJwtDecoder.withPublicKey((RSAPublicKey) rsa.getPublic())
                                .signatureAlgorithm(SignatureAlgorithm.RS256)
                                .build()),
                new Alg(
                        "ES256 (P-256)",
                        JWSAlgorithm.ES256,
                        new ECDSASigner((ECPrivateKey) ec.getPrivate()),
                        NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(new JWKSet(
                                        new ECKey.Builder(Curve.P_256, (ECPublicKey) ec.getPublic()).build())))
                                .jwsAlgorithm(SignatureAlgorithm.ES256)
                                .build()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder s = new StringBuilder();
        s.append("\n## Run of ").append(Instant.now()).append("\n\n");
        s.append(String.format(
                "%d cores, Java %s, load average %s; %d users' tokens round-robin, %,d calls per row after as many to warm up.%n%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Files.readString(Path.of("/proc/loadavg")).trim(),
                USERS,
                calls));
        s.append(
                "| algorithm | verify every request: CPU µs per request | VerifiedTokens: CPU µs per request | ratio |\n");
        s.append("|---|---:|---:|---:|\n");
        for (Alg a : algs) {
            a.decoder().setJwtValidator(JwtValidators.createDefault());
            List<String> tokens = new ArrayList<>();
            for (int u = 0; u < USERS; u++) tokens.add(sign(a, "user-" + u));
            double plain = cost(threads, a.decoder()::decode, tokens, calls);
            VerifiedTokens cached = new VerifiedTokens(
                    a.decoder(), Clock.systemUTC(), VerifiedTokens.DEFAULT_CAPACITY, VerifiedTokens.DEFAULT_MAX_AGE);
            double remembered = cost(threads, cached::decode, tokens, calls);
            String row = String.format(
                    "| %s | %.2f | %.3f | %.0f× |%n", a.name(), plain, remembered, plain / Math.max(remembered, 1e-9));
            System.out.print(row);
            s.append(row);
        }
        Files.writeString(out, s.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("wrote " + out);
    }

    private static double cost(ThreadMXBean threads, Function<String, Object> decode, List<String> tokens, int calls) {
        long sink = 0;
        for (int i = 0; i < calls; i++)
            sink += decode.apply(tokens.get(i % tokens.size())).hashCode();
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++)
            sink += decode.apply(tokens.get(i % tokens.size())).hashCode();
        long used = threads.getCurrentThreadCpuTime() - cpu;
        if (sink == 42) System.out.print(""); // keeps the results live
        return used / 1e3 / calls;
    }

    private static String sign(Alg a, String subject) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(a.alg()).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder()
                        .subject(subject)
                        .issueTime(Date.from(now.minusSeconds(10)))
                        .expirationTime(Date.from(now.plusSeconds(3600)))
                        .build());
        jwt.sign(a.signer());
        return jwt.serialize();
    }

    private JwtVerifyCost() {}
}
