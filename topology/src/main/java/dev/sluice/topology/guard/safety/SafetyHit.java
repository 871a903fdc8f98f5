package dev.sluice.topology.guard.safety;

import dev.sluice.topology.guard.Reason;

/** A safety rule that fired, with the category it belongs to. */
public record SafetyHit(SafetyCategory category, Reason reason) {
}
