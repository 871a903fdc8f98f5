package dev.sluice.infra;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What the deployment files must agree with, read from the application's own configuration
 * (app/src/main/resources/application.properties), so changing a port or a path there makes
 * the wiring tests point at every file that still uses the old one.
 */
record AppSettings(
        int serverPort,
        String actuatorBase,
        boolean probesEnabled,
        List<String> exposedEndpoints,
        List<String> roles,
        int defaultPartitions,
        Duration gatewayIdleTimeout) {

    static AppSettings load() {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Repo.read("app/src/main/resources/application.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AppSettings(
                Integer.parseInt(p.getProperty("server.port", "8080")),
                p.getProperty("management.endpoints.web.base-path", "/actuator"),
                Boolean.parseBoolean(p.getProperty("management.endpoint.health.probes.enabled", "false")),
                Arrays.stream(p.getProperty("management.endpoints.web.exposure.include", "health")
                                .split(","))
                        .map(String::trim)
                        .toList(),
                Arrays.stream(p.getProperty("sluice.roles").split(","))
                        .map(String::trim)
                        .toList(),
                Integer.parseInt(p.getProperty("sluice.kafka.partitions", "6")),
                seconds(p.getProperty("sluice.bridge.idle-timeout", "120s")));
    }

    String livenessPath() {
        return actuatorBase + "/health/liveness";
    }

    String readinessPath() {
        return actuatorBase + "/health/readiness";
    }

    String prometheusPath() {
        return actuatorBase + "/prometheus";
    }

    /** {@code 120s}, {@code 2m} or {@code 1h}: the forms the deployment-relevant timeouts use. */
    private static Duration seconds(String value) {
        long n = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new AssertionError("unsupported duration " + value);
        };
    }
}
