package dev.sluice.guard;

import dev.sluice.guard.classifier.GuardModel;
import dev.sluice.guard.classifier.LearnedGuard;
import dev.sluice.guard.classifier.SentenceEncoder;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The security pipeline, configured from {@code sluice.guard.*} ({@link GuardSettings}).
 * Used by the topology (input) and the workers (output as it streams), so it is not role-bound.
 */
@Configuration
@EnableConfigurationProperties(GuardSettings.class)
public class GuardBeans {
    private static final Logger log = LoggerFactory.getLogger(GuardBeans.class);

    @Bean
    GuardPipeline guardPipeline(GuardSettings settings) {
        return new GuardPipeline(settings.config(), learned(settings));
    }

    /**
     * The learned layer: on unless {@code sluice.guard.classifier=false}. Its heads are calibrated so
     * that the blocking ones together block at most 1% of benign calibration rows and 2% of each kind
     * (edgy, trigger words), the flagging ones (self_harm, crime) flag at most 2% and 4%, and none
     * fires on a short chat message (guard/DATA.md, bench/results/guard.md); it costs
     * the encoder's time on the topology thread for the prompts its gate opens for (one 96-token window:
     * 2.5-10 ms of a core; the gate alone, for ordinary chat, 0.1-1.4 ms), ~100 MB of native memory and
     * ~12 MB of heap for the static token vectors (distilled at the first start on a machine, ~6 s). The heads shipped in the jar unless {@code sluice.guard.model} names
     * an operator's retrained file. A model that cannot load stops the start: a guard that silently
     * lost its classifier would let through what the operator expects it to block.
     */
    static @Nullable LearnedGuard learned(GuardSettings settings) {
        if (!settings.classifier()) return null;
        String file = settings.model();
        GuardModel model = file.isBlank() ? GuardModel.bundled() : GuardModel.read(Path.of(file));
        LearnedGuard learned = new LearnedGuard(SentenceEncoder.shared(), model);
        log.info(
                "guard classifier heads {} from {}",
                model.heads().stream().map(h -> h.name()).toList(),
                file.isBlank() ? "the jar" : file);
        for (String warning : calibratedOtherwise(model, settings.config())) log.warn(warning);
        return learned;
    }

    /**
     * The heads that now block although their thresholds were calibrated for flagging (the model's
     * {@code calibrated_for}; older files do not say, and get no warning): the flag budget is looser
     * than the block budget, so such a head blocks more benign text than the block budget allows.
     */
    static java.util.List<String> calibratedOtherwise(GuardModel model, GuardConfig config) {
        if (!(model.provenance().get("calibrated_for") instanceof java.util.Map<?, ?> calibrated))
            return java.util.List.of();
        return model.heads().stream()
                .filter(h -> "flag".equals(calibrated.get(h.name()))
                        && config.headAction(h.check(), h.name()) == Action.BLOCK)
                .map(h -> "guard classifier head " + h.name()
                        + " now blocks, but its threshold was calibrated for flagging (a looser benign budget);"
                        + " retrain with ./sluice guard train --actions " + h.name() + "=block")
                .toList();
    }

    @Bean
    SystemPromptPolicy systemPromptPolicy(GuardSettings settings) {
        return systemPrompt(settings);
    }

    static SystemPromptPolicy systemPrompt(GuardSettings settings) {
        return new SystemPromptPolicy(SystemPromptPolicy.mode(settings.systemPrompt()), settings.pinnedSystemPrompt());
    }
}
