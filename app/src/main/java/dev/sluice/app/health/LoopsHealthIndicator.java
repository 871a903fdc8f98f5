package dev.sluice.app.health;

import dev.sluice.schemas.lifecycle.BackgroundLoop;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code loops}: DOWN when a background loop this process depends on has stopped: the gateway's
 * stream router (no token would reach a client) or the worker loop (no prompt would start, or an
 * answer could not be written to Kafka). Each logs why when it stops; this makes it visible to
 * the orchestrator, whose liveness probe restarts the process. The loops are found by their
 * {@link BackgroundLoop} contract, so this class needs no module's internals; each is reported
 * under its bean name in kebab case ({@code streamRouter} → {@code stream-router}).
 */
@Component("loops")
public class LoopsHealthIndicator implements HealthIndicator {
    private final ListableBeanFactory beans;

    public LoopsHealthIndicator(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public Health health() {
        Map<String, String> loops = new TreeMap<>();
        beans.getBeansOfType(BackgroundLoop.class).forEach((name, loop) -> loops.put(kebab(name), loop.alive() ? "running" : "stopped"));
        boolean down = loops.containsValue("stopped");
        return (down ? Health.down() : Health.up()).withDetails(loops).build();
    }

    static String kebab(String beanName) {
        return beanName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
