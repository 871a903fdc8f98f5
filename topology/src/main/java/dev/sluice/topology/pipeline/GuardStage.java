package dev.sluice.topology.pipeline;

import dev.sluice.guard.Action;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.guard.GuardVerdict;
import dev.sluice.guard.Reason;
import dev.sluice.guard.SystemPromptPolicy;
import dev.sluice.guard.pii.PiiVault;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.metrics.MeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs the security pipeline over a request's new turns before anything leaves the topology.
 * Every turn the client sent is client text, whatever role it claims: user, tool and assistant
 * turns (an "assistant" turn in a request is written by the client, not the model) are checked
 * for injection and safety and PII-masked, consistently through the conversation's vault. System
 * and developer turns follow the deployment's {@link SystemPromptPolicy}. Counts every decision
 * by check and action, and masked entities by type (never their values).
 */
public final class GuardStage {
    /** The messages to use downstream, masked; or the reason the request is blocked. */
    public record Outcome(
            List<ChatMessage> messages, @Nullable Reason blockedBy) {
        public boolean blocked() {
            return blockedBy != null;
        }
    }

    private final GuardPipeline pipeline;
    private final SystemPromptPolicy systemPrompt;
    private final @Nullable MeterRegistry meters;

    public GuardStage(GuardPipeline pipeline, @Nullable MeterRegistry meters) {
        this(pipeline, SystemPromptPolicy.defaults(), meters);
    }

    public GuardStage(GuardPipeline pipeline, SystemPromptPolicy systemPrompt, @Nullable MeterRegistry meters) {
        this.pipeline = pipeline;
        this.systemPrompt = systemPrompt;
        this.meters = meters;
    }

    public Outcome apply(List<ChatMessage> messages, PiiVault vault) {
        // pin() puts the deployment's prompt in the place of replaced system turns.
        List<ChatMessage> checked = messages.stream()
                .filter(m -> !(SystemPromptPolicy.instructionRole(m.role())
                        && systemPrompt.mode() == SystemPromptPolicy.Mode.REPLACE))
                .toList();
        // All turns in one call (the gate reads them together; the encoder reads each one it needs on its own).
        List<GuardVerdict> verdicts =
                pipeline.inspectAll(checked.stream().map(ChatMessage::content).toList(), vault);
        List<ChatMessage> out = new ArrayList<>(checked.size());
        for (int i = 0; i < checked.size(); i++) {
            ChatMessage m = checked.get(i);
            boolean instruction = SystemPromptPolicy.instructionRole(m.role());
            GuardVerdict verdict = verdicts.get(i);
            count(verdict);
            boolean gated = !(instruction && systemPrompt.mode() == SystemPromptPolicy.Mode.ALLOW);
            if (gated && verdict.action() == Action.BLOCK) {
                Reason top = verdict.reasons().stream()
                        .filter(r ->
                                !"pii".equals(r.check()) || pipeline.config().piiAction() == Action.BLOCK)
                        .max(Comparator.comparingDouble(Reason::score))
                        .orElse(verdict.reasons().getFirst());
                return new Outcome(List.of(), top);
            }
            out.add(new ChatMessage(m.role(), verdict.masked()));
        }
        return new Outcome(out, null);
    }

    /**
     * The conversation as the model sees it: under {@code replace}, every system or developer turn
     * (also one stored from an earlier request) gives way to the deployment's pinned prompt, so a
     * changed pinned prompt applies to running conversations too. Otherwise unchanged.
     */
    public List<ChatMessage> pin(List<ChatMessage> turns) {
        if (systemPrompt.mode() != SystemPromptPolicy.Mode.REPLACE) return turns;
        List<ChatMessage> out = new ArrayList<>(turns.size() + 1);
        if (!systemPrompt.pinned().isEmpty()) out.add(ChatMessage.system(systemPrompt.pinned()));
        turns.stream()
                .filter(m -> !SystemPromptPolicy.instructionRole(m.role()))
                .forEach(out::add);
        return out;
    }

    /** The error code and the sentence the user reads when a request is blocked. */
    public static String code(Reason reason) {
        return switch (reason.check()) {
            case "injection" -> "prompt_injection";
            case "safety" -> "content_safety";
            case "pii" -> "pii_not_allowed";
            default -> "content_blocked";
        };
    }

    public static String message(Reason reason) {
        String why = switch (reason.check()) {
            case "injection" -> "it looks like an attempt to override or reveal the assistant's instructions";
            case "safety" -> "it asks for content this service does not provide (" + reason.rule() + ")";
            case "pii" -> "it contains personal data of a kind this deployment does not accept (" + reason.rule() + ")";
            case "guard" -> "the security checks could not inspect it (shorten it or remove repeated patterns)";
            default -> "a content policy matched";
        };
        return "Your message was blocked because " + why + ". Rule: " + reason.check() + "/" + reason.rule() + ".";
    }

    private void count(GuardVerdict verdict) {
        if (meters == null) return;
        if (verdict.reasons().isEmpty()) {
            meters.counter(MeterNames.GUARD_DECISIONS, "check", "none", "action", "allow")
                    .increment();
        }
        verdict.reasons().stream()
                .map(Reason::check)
                .distinct()
                .forEach(check -> meters.counter(
                                MeterNames.GUARD_DECISIONS,
                                "check",
                                check,
                                "action",
                                verdict.action().wire())
                        .increment());
        verdict.entities()
                .forEach(e -> meters.counter(MeterNames.PII_ENTITIES, "type", e.type())
                        .increment());
    }
}
