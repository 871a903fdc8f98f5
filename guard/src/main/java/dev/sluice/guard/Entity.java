package dev.sluice.guard;

/** One masked span: offsets are into the ORIGINAL text (UTF-16 indexes, end exclusive). */
public record Entity(String type, int start, int end, String placeholder) {}
