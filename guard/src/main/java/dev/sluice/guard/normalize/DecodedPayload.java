package dev.sluice.guard.normalize;

/** Text recovered from an encoded run of the input (base64, hex, URL or HTML escapes, tags). */
public record DecodedPayload(String kind, String text) {}
