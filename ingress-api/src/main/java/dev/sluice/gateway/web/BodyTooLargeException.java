package dev.sluice.gateway.web;

import java.io.IOException;

/** Thrown while reading a body (chunked, or lying about its length) that passes the byte limit. */
public final class BodyTooLargeException extends IOException {
    private final long limit;

    public BodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
