package dev.sluice.guard;

import dev.sluice.guard.classifier.GuardModel;
import dev.sluice.guard.classifier.LearnedGuard;
import dev.sluice.guard.classifier.SentenceEncoder;
import dev.sluice.guard.safety.SafetyCategory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The security pipeline, configured from {@code sluice.guard.*} (defaults: {@link GuardConfig#defaults()}).
 * Used by the topology (input) and the workers (output as it streams), so it is not role-bound.
 */
@Configuration
public class GuardBeans {
    private static final Logger log = LoggerFactory.getLogger(GuardBeans.class);

    @Bean
    GuardPipeline guardPipeline(Environment env) {
        return new GuardPipeline(config(env), learned(env));
    }

    /**
     * The learned layer: on unless {@code sluice.guard.classifier=false}. Its heads are calibrated so
     * that together they block at most 1% of benign calibration rows and 2% of each kind (edgy,
     * trigger words), and no short chat message (guard/DATA.md, bench/results/guard.md); it costs
     * the encoder's time on the topology thread (about 5-20 ms a request on a loaded core) and
     * ~100 MB of native memory. The heads shipped in the jar unless {@code sluice.guard.model} names
     * an operator's retrained file. A model that cannot load stops the start: a guard that silently
     * lost its classifier would let through what the operator expects it to block.
     */
    static @Nullable LearnedGuard learned(Environment env) {
        if (!env.getProperty("sluice.guard.classifier", Boolean.class, true)) return null;
        String file = env.getProperty("sluice.guard.model", "");
        GuardModel model = file.isBlank() ? GuardModel.bundled() : GuardModel.read(Path.of(file));
        LearnedGuard learned = new LearnedGuard(SentenceEncoder.shared(), model);
        log.info("guard classifier heads {} from {}", model.heads().stream().map(h -> h.name()).toList(), file.isBlank() ? "the jar" : file);
        return learned;
    }

    @Bean
    SystemPromptPolicy systemPromptPolicy(Environment env) {
        return systemPrompt(env);
    }

    static SystemPromptPolicy systemPrompt(Environment env) {
        String mode = env.getProperty("sluice.guard.system-prompt", "check");
        return new SystemPromptPolicy(SystemPromptPolicy.mode(mode), env.getProperty("sluice.guard.pinned-system-prompt", ""));
    }

    static GuardConfig config(Environment env) {
        GuardConfig c = GuardConfig.defaults();
        c = c.withInjection(
                env.getProperty("sluice.guard.injection.flag-at", Double.class, c.injectionFlagAt()),
                env.getProperty("sluice.guard.injection.block-at", Double.class, c.injectionBlockAt()),
                action(env.getProperty("sluice.guard.injection.action"), c.injectionAction()));
        for (SafetyCategory category : SafetyCategory.values()) {
            String key = "sluice.guard.safety." + category.name().toLowerCase(Locale.ROOT).replace('_', '-');
            String value = env.getProperty(key);
            if (value != null) c = c.withSafetyAction(category, action(value, Action.BLOCK));
        }
        Set<String> types = env.containsProperty("sluice.guard.pii.types")
                ? new HashSet<>(list(env.getProperty("sluice.guard.pii.types"))) : c.piiTypes();
        Set<String> allow = new HashSet<>(list(env.getProperty("sluice.guard.pii.allow", "")));
        List<String> deny = list(env.getProperty("sluice.guard.pii.deny", ""));
        c = c.withPii(types, allow, deny);
        c = c.withPiiAction(action(env.getProperty("sluice.guard.pii.action"), c.piiAction()));
        if (env.containsProperty("sluice.guard.pii.phone-regions")) c = c.withPhoneRegions(list(env.getProperty("sluice.guard.pii.phone-regions")));
        return c;
    }

    private static Action action(String value, Action fallback) {
        if (value == null || value.isBlank()) return fallback;
        try {
            return Action.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("guard action must be allow, flag or block, not '" + value + "'");
        }
    }

    private static List<String> list(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
