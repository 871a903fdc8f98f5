package dev.sluice.guard.safety;

import dev.sluice.guard.Reason;

/** A safety rule that fired, with the category it belongs to. */
public record SafetyHit(SafetyCategory category, Reason reason) {}
