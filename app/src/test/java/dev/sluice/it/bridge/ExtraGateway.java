package dev.sluice.it.bridge;

import dev.sluice.app.SluiceApplication;
import dev.sluice.it.TestStack;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Another gateway instance on the shared test stack's Kafka, Redis and PostgreSQL: a second Spring context, gateway role only. */
final class ExtraGateway implements AutoCloseable {
    private final ConfigurableApplicationContext app;

    ExtraGateway(TestStack stack, Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>();
        for (String key : new String[] {"sluice.kafka.bootstrap", "sluice.redis.url", "sluice.db.url", "sluice.data-dir"}) {
            props.put(key, stack.property(key));
        }
        props.put("sluice.roles", "gateway");
        props.put("server.port", "0");
        props.put("spring.jmx.enabled", "false");
        props.putAll(overrides);
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        app = new SpringApplication(SluiceApplication.class).run(args);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    @Override
    public void close() {
        app.close();
    }
}
