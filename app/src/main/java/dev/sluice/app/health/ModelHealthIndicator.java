package dev.sluice.app.health;

import dev.sluice.gateway.models.ModelCatalog;
import dev.sluice.schemas.event.ModelAnnounced;
import dev.sluice.schemas.role.ConditionalOnRole;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code model}: OUT_OF_SERVICE until a worker has announced a model, since until then every chat
 * answers 503 {@code no_model_loaded}. Part of {@code /actuator/health} on every gateway; part
 * of readiness only in dev mode (one process, nothing to route to instead), not on served
 * gateways, where workers being away must not take the API (and its clear 503) off the load
 * balancer. See docs/security.md, "Probes".
 */
@Component("model")
@ConditionalOnRole("gateway")
public class ModelHealthIndicator implements HealthIndicator {
    private final ModelCatalog catalog;

    public ModelHealthIndicator(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Health health() {
        List<String> models =
                catalog.all().stream().map(ModelAnnounced::id).sorted().toList();
        if (models.isEmpty()) {
            return Health.outOfService()
                    .withDetail("reason", "no worker has announced a model yet; chats answer 503 no_model_loaded")
                    .build();
        }
        return Health.up().withDetail("models", models).build();
    }
}
