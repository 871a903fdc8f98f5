package dev.sluice.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class GuardBeansTest {

    @Test
    void theClassifierIsOnByDefaultWithTheShippedHeads() {
        var learned = GuardBeans.learned(new MockEnvironment());

        assertThat(learned).isNotNull();
        assertThat(learned.model().heads()).extracting(h -> h.name()).contains("injection", "violence", "weapons");
    }

    @Test
    void theClassifierCanBeSwitchedOff() {
        assertThat(GuardBeans.learned(new MockEnvironment().withProperty("sluice.guard.classifier", "false"))).isNull();
    }

    @Test
    void anUnreadableModelFileStopsTheStartWithItsPath() {
        MockEnvironment env = new MockEnvironment().withProperty("sluice.guard.classifier", "true")
                .withProperty("sluice.guard.model", "/nonexistent/heads.json");

        assertThatThrownBy(() -> GuardBeans.learned(env)).hasMessageContaining("/nonexistent/heads.json");
    }

    @Test
    void theSystemPromptPolicyRejectsAnUnknownMode() {
        MockEnvironment env = new MockEnvironment().withProperty("sluice.guard.system-prompt", "trust");

        assertThatThrownBy(() -> GuardBeans.systemPrompt(env)).hasMessageContaining("allow, check or replace").hasMessageContaining("trust");
    }

    @Test
    void replaceCarriesThePinnedPrompt() {
        MockEnvironment env = new MockEnvironment().withProperty("sluice.guard.system-prompt", "REPLACE")
                .withProperty("sluice.guard.pinned-system-prompt", "  You are Sluice.  ");

        assertThat(GuardBeans.systemPrompt(env)).isEqualTo(new SystemPromptPolicy(SystemPromptPolicy.Mode.REPLACE, "You are Sluice."));
    }
}
