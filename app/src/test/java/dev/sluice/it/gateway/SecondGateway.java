package dev.sluice.it.gateway;

import dev.sluice.app.SluiceApplication;
import dev.sluice.it.TestStack;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Another gateway-only Sluice process (a second Spring context) on the shared stack's Kafka, Redis and PostgreSQL. */
final class SecondGateway implements AutoCloseable {
    private final ConfigurableApplicationContext app;

    SecondGateway(TestStack stack, Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>();
        for (String key : new String[] {"sluice.kafka.bootstrap", "sluice.redis.url", "sluice.db.url", "sluice.data-dir"}) {
            props.put(key, stack.property(key));
        }
        props.put("sluice.roles", "gateway");
        props.put("sluice.dev.enabled", "true");
        props.put("sluice.instance-id", "it-gateway-2-" + UUID.randomUUID());
        props.put("server.port", "0");
        props.putAll(extra);
        SpringApplication spring = new SpringApplication(SluiceApplication.class);
        app = spring.run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    @Override
    public void close() {
        app.close();
    }
}
