package dev.sluice.guard.safety;

import dev.sluice.guard.Action;
import dev.sluice.guard.Reason;

/** The first unsafe passage in a streamed response: what fired and what the configuration says to do. */
public record SafetyViolation(SafetyCategory category, Action action, Reason reason) {
}
