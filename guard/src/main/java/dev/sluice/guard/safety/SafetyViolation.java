package dev.sluice.guard.safety;

import dev.sluice.guard.Action;
import dev.sluice.guard.Reason;
import org.jspecify.annotations.Nullable;

/**
 * The first unsafe passage in a streamed response: what fired and what the configuration says to
 * do. {@code category} is null when a learned head trained without categories ("harm") fired.
 */
public record SafetyViolation(@Nullable SafetyCategory category, Action action, Reason reason) {}
