package dev.sluice.bridge;

import dev.sluice.schemas.event.StreamEvent;

/** A whole response read for a non-streaming request: its text and the event that ended it. */
public record Collected(String text, StreamEvent terminal) {}
