package dev.sluice.it;

import dev.sluice.app.SluiceApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Another gateway-only Sluice instance (a second Spring context) on the shared stack's Kafka, Redis and PostgreSQL. */
public final class GatewayInstance implements AutoCloseable {
    private final ConfigurableApplicationContext app;

    public GatewayInstance(TestStack stack, Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>();
        for (String key :
                new String[] {"sluice.kafka.bootstrap", "sluice.redis.url", "sluice.db.url", "sluice.data-dir"}) {
            props.put(key, stack.property(key));
        }
        props.put("sluice.roles", "gateway");
        props.put("sluice.dev.enabled", "true");
        props.put("sluice.instance-id", "it-gateway-" + UUID.randomUUID());
        props.put("server.port", "0");
        props.put("spring.jmx.enabled", "false");
        props.putAll(overrides);
        app = new SpringApplication(SluiceApplication.class)
                .run(props.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    /** Its Spring context, for a test that stops the web server before the rest. */
    public ConfigurableApplicationContext context() {
        return app;
    }

    public <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    @Override
    public void close() {
        app.close();
    }
}
