package dev.sluice.gateway.web;

import java.io.IOException;

/** A request body that is not well-formed UTF-8, with where it breaks. */
public final class InvalidUtf8Exception extends IOException {
    private final int offset;

    public InvalidUtf8Exception(int offset) {
        super("invalid UTF-8 at byte " + offset);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
