package dev.sluice.guard.pii;

/** A recognizer hit in the normalized text; {@code priority} breaks overlaps (higher wins). */
public record PiiMatch(String type, int start, int end, int priority) {}
