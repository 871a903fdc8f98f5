package dev.sluice.guard;

import dev.sluice.guard.pii.PiiTypes;
import dev.sluice.guard.safety.SafetyCategory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The guard's settings ({@code sluice.guard.*}, env {@code SLUICE_GUARD_*}), turned into the
 * pipeline's {@link GuardConfig} by {@link #config()}. The defaults are here and nowhere else:
 * {@link GuardConfig#defaults()} is this record bound from no settings at all.
 *
 * @param output             check generated text as it streams (the worker's output safety monitor)
 * @param classifier         the learned layer (sentence encoder + trained heads) beside the rules (on by default; false leaves the rules alone)
 * @param model              an operator's retrained heads ({@code ./sluice guard train}); blank: the heads in the jar
 * @param systemPrompt       client {@code system}/{@code developer} turns: {@code check} (gated and masked like user text),
 *                           {@code allow} (trusted clients: masked, not gated), {@code replace} (dropped for
 *                           {@code pinnedSystemPrompt})
 * @param pinnedSystemPrompt the deployment's system prompt under {@code replace}; none when blank
 * @param injection          the injection score thresholds
 * @param pii                what is masked and what PII decides
 * @param safety             {@code allow}, {@code flag} or {@code block} per category ({@code violence}, {@code self-harm},
 *                           {@code sexual-minors}, {@code hate}, {@code weapons}, {@code crime}); a category not set keeps
 *                           its default (block, flag, block, block, block, flag)
 */
@ConfigurationProperties("sluice.guard")
@Validated
public record GuardSettings(
        @DefaultValue("true") boolean output,
        @DefaultValue("true") boolean classifier,
        @DefaultValue("") String model,
        @DefaultValue("check") String systemPrompt,
        @DefaultValue("") String pinnedSystemPrompt,
        @DefaultValue @Valid Injection injection,
        @DefaultValue @Valid Pii pii,
        @DefaultValue Map<SafetyCategory, Action> safety) {

    /** What a category is given when {@code sluice.guard.safety.<category>} is not set. */
    static final Map<SafetyCategory, Action> SAFETY_DEFAULTS = Map.of(
            SafetyCategory.VIOLENCE,
            Action.BLOCK,
            SafetyCategory.SELF_HARM,
            Action.FLAG,
            SafetyCategory.SEXUAL_MINORS,
            Action.BLOCK,
            SafetyCategory.HATE,
            Action.BLOCK,
            SafetyCategory.WEAPONS,
            Action.BLOCK,
            SafetyCategory.CRIME,
            Action.FLAG);

    /**
     * @param flagAt  a combined injection score at or above this flags the prompt
     * @param blockAt a combined injection score at or above this takes {@code action}
     * @param action  what a score over {@code blockAt} gets: {@code block}, or {@code flag} to observe only
     */
    public record Injection(
            @DefaultValue("0.5") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
            double flagAt,

            @DefaultValue("0.8") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
            double blockAt,

            @DefaultValue("block") Action action) {}

    /**
     * @param types        entity types that are masked (comma-separated); unset: all of them
     * @param allow        values never masked (exact, case-insensitive)
     * @param deny         terms always masked
     * @param action       what a prompt with PII also gets: {@code allow} (masking is enough), {@code flag} or {@code block}
     * @param phoneRegions regions whose national phone formats are recognized without a leading +
     */
    public record Pii(
            @Nullable List<String> types,
            @DefaultValue List<String> allow,
            @DefaultValue List<String> deny,
            @DefaultValue("allow") Action action,

            @DefaultValue({"US", "GB", "DE", "FR", "IN", "BR", "CN", "JP", "IL", "AU"})
            List<String> phoneRegions) {}

    /** The settings when none is given: the defaults above. */
    public static GuardSettings defaults() {
        return new Binder().bindOrCreate("sluice.guard", GuardSettings.class);
    }

    /** The pipeline's configuration; thresholds out of order ({@code flagAt} over {@code blockAt}) fail here. */
    public GuardConfig config() {
        Map<SafetyCategory, Action> actions = new EnumMap<>(SAFETY_DEFAULTS);
        actions.putAll(safety);
        return new GuardConfig(
                injection.flagAt(),
                injection.blockAt(),
                injection.action(),
                actions,
                true,
                pii.types() == null ? new HashSet<>(PiiTypes.ALL) : new HashSet<>(trimmed(pii.types())),
                new HashSet<>(trimmed(pii.allow())),
                trimmed(pii.deny()),
                pii.action(),
                trimmed(pii.phoneRegions()));
    }

    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
