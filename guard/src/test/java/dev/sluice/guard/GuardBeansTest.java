package dev.sluice.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.guard.pii.PiiTypes;
import dev.sluice.guard.safety.SafetyCategory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class GuardBeansTest {

    /** Binds as the application does, from properties or their SLUICE_* spellings. */
    private static GuardSettings settings(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("sluice.guard", GuardSettings.class);
    }

    @Test
    void theClassifierIsOnByDefaultWithTheShippedHeads() {
        var learned = GuardBeans.learned(settings(Map.of()));

        assertThat(learned).isNotNull();
        assertThat(learned.model().heads()).extracting(h -> h.name()).contains("injection", "violence", "weapons");
    }

    @Test
    void aHeadCalibratedForFlaggingThatNowBlocksIsNamedAtStart() {
        var bundled = dev.sluice.guard.classifier.GuardModel.bundled();
        var model = new dev.sluice.guard.classifier.GuardModel(
                bundled.encoder(),
                bundled.heads(),
                Map.of("calibrated_for", Map.of("hate", "block", "self_harm", "flag", "crime", "flag")));
        var older = new dev.sluice.guard.classifier.GuardModel(bundled.encoder(), bundled.heads(), Map.of());
        var selfHarmBlocks =
                settings(Map.of("sluice.guard.safety.self-harm", "block")).config();

        assertThat(GuardBeans.calibratedOtherwise(model, settings(Map.of()).config()))
                .isEmpty();
        assertThat(GuardBeans.calibratedOtherwise(model, selfHarmBlocks))
                .singleElement()
                .asString()
                .contains("self_harm", "--actions self_harm=block");
        assertThat(GuardBeans.calibratedOtherwise(older, selfHarmBlocks)).isEmpty();
    }

    @Test
    void theClassifierCanBeSwitchedOff() {
        assertThat(GuardBeans.learned(settings(Map.of("sluice.guard.classifier", "false"))))
                .isNull();
    }

    @Test
    void anUnreadableModelFileStopsTheStartWithItsPath() {
        GuardSettings settings =
                settings(Map.of("sluice.guard.classifier", "true", "sluice.guard.model", "/nonexistent/heads.json"));

        assertThatThrownBy(() -> GuardBeans.learned(settings)).hasMessageContaining("/nonexistent/heads.json");
    }

    @Test
    void theSystemPromptPolicyRejectsAnUnknownMode() {
        GuardSettings settings = settings(Map.of("sluice.guard.system-prompt", "trust"));

        assertThatThrownBy(() -> GuardBeans.systemPrompt(settings))
                .hasMessageContaining("allow, check or replace")
                .hasMessageContaining("trust");
    }

    @Test
    void replaceCarriesThePinnedPrompt() {
        GuardSettings settings = settings(Map.of(
                "sluice.guard.system-prompt", "REPLACE", "sluice.guard.pinned-system-prompt", "  You are Sluice.  "));

        assertThat(GuardBeans.systemPrompt(settings))
                .isEqualTo(new SystemPromptPolicy(SystemPromptPolicy.Mode.REPLACE, "You are Sluice."));
    }

    @Test
    void noSettingsGiveTheDocumentedDefaults() {
        GuardConfig config = settings(Map.of()).config();

        assertThat(config.injectionFlagAt()).isEqualTo(0.5);
        assertThat(config.injectionBlockAt()).isEqualTo(0.8);
        assertThat(config.injectionAction()).isEqualTo(Action.BLOCK);
        assertThat(config.safetyActions())
                .containsEntry(SafetyCategory.SELF_HARM, Action.FLAG)
                .containsEntry(SafetyCategory.VIOLENCE, Action.BLOCK)
                .hasSize(SafetyCategory.values().length);
        assertThat(config.piiTypes()).containsExactlyInAnyOrderElementsOf(PiiTypes.ALL);
        assertThat(config.piiAction()).isEqualTo(Action.ALLOW);
        assertThat(config.phoneRegions()).startsWith("US", "GB");
        assertThat(config).isEqualTo(GuardConfig.defaults());
    }

    @Test
    void eachSettingReachesThePipelineConfiguration() {
        GuardConfig config = settings(Map.of(
                        "sluice.guard.injection.flag-at",
                        "0.4",
                        "sluice.guard.injection.block-at",
                        "0.9",
                        "sluice.guard.injection.action",
                        "flag",
                        "sluice.guard.safety.self-harm",
                        "block",
                        "sluice.guard.safety.crime",
                        "allow",
                        "sluice.guard.pii.types",
                        "EMAIL, PHONE",
                        "sluice.guard.pii.allow",
                        "support@example.com",
                        "sluice.guard.pii.deny",
                        "Project X",
                        "sluice.guard.pii.action",
                        "FLAG",
                        "sluice.guard.pii.phone-regions",
                        "GB"))
                .config();

        assertThat(config.injectionFlagAt()).isEqualTo(0.4);
        assertThat(config.injectionBlockAt()).isEqualTo(0.9);
        assertThat(config.injectionAction()).isEqualTo(Action.FLAG);
        assertThat(config.safetyActions())
                .containsEntry(SafetyCategory.SELF_HARM, Action.BLOCK)
                .containsEntry(SafetyCategory.CRIME, Action.ALLOW)
                .containsEntry(SafetyCategory.VIOLENCE, Action.BLOCK);
        assertThat(config.piiTypes()).containsExactlyInAnyOrder("EMAIL", "PHONE");
        assertThat(config.piiAllow()).containsExactly("support@example.com");
        assertThat(config.piiDeny()).containsExactly("Project X");
        assertThat(config.piiAction()).isEqualTo(Action.FLAG);
        assertThat(config.phoneRegions()).containsExactly("GB");
    }

    @Test
    void anUnknownActionNamesItsProperty() {
        assertThatThrownBy(() -> settings(Map.of("sluice.guard.injection.action", "blok")))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("sluice.guard.injection.action");
    }
}
