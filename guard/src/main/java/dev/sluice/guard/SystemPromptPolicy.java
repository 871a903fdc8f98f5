package dev.sluice.guard;

import java.util.Locale;

/**
 * What a deployment does with system (and {@code developer}) turns a client sends
 * ({@code sluice.guard.system-prompt}). A client can write any role, so a system turn from the
 * request is client text like any other unless the deployment says it trusts its clients:
 * <ul>
 *   <li>{@code CHECK} (default): checked for injection and safety and masked, like a user turn;</li>
 *   <li>{@code ALLOW}: taken as the operator's instructions (clients are the operator's own
 *       backends): masked and safety-checked, but not held to the injection gate;</li>
 *   <li>{@code REPLACE}: dropped; the deployment's {@code pinned} prompt
 *       ({@code sluice.guard.pinned-system-prompt}) is the only system prompt, none when blank.</li>
 * </ul>
 */
public record SystemPromptPolicy(Mode mode, String pinned) {
    public enum Mode {
        ALLOW,
        CHECK,
        REPLACE
    }

    public SystemPromptPolicy {
        pinned = pinned == null ? "" : pinned.strip();
    }

    public static SystemPromptPolicy defaults() {
        return new SystemPromptPolicy(Mode.CHECK, "");
    }

    public static Mode mode(String value) {
        try {
            return Mode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "sluice.guard.system-prompt must be allow, check or replace, not '" + value + "'");
        }
    }

    /** True for the roles that carry instructions to the model: {@code system} and {@code developer}. */
    public static boolean instructionRole(String role) {
        return "system".equals(role) || "developer".equals(role);
    }
}
