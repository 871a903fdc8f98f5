package dev.sluice.schemas.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.jspecify.annotations.Nullable;

/**
 * How a Sluice process authenticates to the brokers: {@code PLAINTEXT} (dev mode's loopback
 * broker) or SASL with one user per role ({@code SCRAM-SHA-512} in the deployments; {@code PLAIN}
 * only for the broker super user that {@code sluice kafka-setup} signs in as). Settings:
 * {@code sluice.kafka.security-protocol}, {@code sluice.kafka.sasl-mechanism},
 * {@code sluice.kafka.username}, {@code sluice.kafka.password} ({@code SLUICE_KAFKA_*}).
 */
public record KafkaSecurity(
        String protocol,
        String mechanism,
        @Nullable String username,
        @Nullable String password) {
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL", "SSL");
    private static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");
    /** After the sets above: the constructor checks against them. */
    public static final KafkaSecurity NONE = new KafkaSecurity("PLAINTEXT", "SCRAM-SHA-512", null, null);

    /** Checks the combination at start, so a missing password is one clear message, not a broker disconnect loop. */
    public KafkaSecurity {
        protocol = protocol.strip().toUpperCase(Locale.ROOT);
        mechanism = mechanism.strip().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("sluice.kafka.security-protocol (SLUICE_KAFKA_SECURITY_PROTOCOL) is "
                    + protocol + "; one of " + PROTOCOLS);
        }
        if (sasl(protocol)) {
            if (!MECHANISMS.contains(mechanism)) {
                throw new IllegalArgumentException("sluice.kafka.sasl-mechanism (SLUICE_KAFKA_SASL_MECHANISM) is "
                        + mechanism + "; one of " + MECHANISMS);
            }
            if (username == null || username.isBlank() || password == null || password.isEmpty()) {
                throw new IllegalArgumentException(
                        "sluice.kafka.security-protocol is " + protocol + " but sluice.kafka.username "
                                + "(SLUICE_KAFKA_USERNAME) or sluice.kafka.password (SLUICE_KAFKA_PASSWORD) is not set");
            }
        }
    }

    /** From settings that may be absent: no protocol means PLAINTEXT, no mechanism SCRAM-SHA-512. */
    public static KafkaSecurity of(
            @Nullable String protocol,
            @Nullable String mechanism,
            @Nullable String username,
            @Nullable String password) {
        return new KafkaSecurity(
                orDefault(protocol, "PLAINTEXT"),
                orDefault(mechanism, "SCRAM-SHA-512"),
                blank(username) ? null : username,
                blank(password) ? null : password);
    }

    public boolean authenticates() {
        return sasl(protocol);
    }

    /** The client properties to add to every producer, consumer, admin client and Streams application. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (!authenticates()) return p;
        p.put(SaslConfigs.SASL_MECHANISM, mechanism);
        String module = mechanism.equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        p.put(
                SaslConfigs.SASL_JAAS_CONFIG,
                module + " required username=\"" + quote(username) + "\" password=\"" + quote(password) + "\";");
        return p;
    }

    /** No password in the text: this record is logged. */
    @Override
    public String toString() {
        return authenticates() ? protocol + "/" + mechanism + " as " + username : protocol;
    }

    private static boolean sasl(String protocol) {
        return protocol.startsWith("SASL_");
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static String orDefault(@Nullable String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    /** JAAS option values are double-quoted strings with backslash escapes. */
    private static String quote(@Nullable String value) {
        return String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
