package dev.sluice.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.models.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class ModelHealthIndicatorTest {

    @Test
    void outOfServiceWhileNoWorkerHasAnnouncedAModel() {
        try (ModelCatalog empty = new ModelCatalog("127.0.0.1:1", "health-test")) {
            Health health = new ModelHealthIndicator(empty).health();
            assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.getDetails().get("reason").toString()).contains("no_model_loaded");
        }
    }
}
