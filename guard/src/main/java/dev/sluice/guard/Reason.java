package dev.sluice.guard;

/**
 * Why a check acted: {@code check} is the stage (injection, pii, safety), {@code rule} the rule
 * or signal that fired, {@code score} its weight in [0, 1], {@code detail} a short human-readable
 * note. Details never carry the PII values themselves, so a verdict is safe to log.
 */
public record Reason(String check, String rule, double score, String detail) {}
