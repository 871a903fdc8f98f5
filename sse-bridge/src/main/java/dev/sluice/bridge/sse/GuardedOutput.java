package dev.sluice.bridge.sse;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The output of an async response, closed for good the moment either side ends it. The
 * container recycles a response once its async request is completed or fails (client gone,
 * error dispatch); a write after that would land in another request's response. Every write
 * and the end itself hold the same lock, so no write can follow the end.
 */
public final class GuardedOutput extends OutputStream {
    private final OutputStream out;
    private boolean ended;

    public GuardedOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        check();
        out.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        check();
        out.write(b, off, len);
    }

    @Override
    public synchronized void flush() throws IOException {
        check();
        out.flush();
    }

    /** Ends the output; true for the one caller that ended it first (that caller completes the request). */
    public synchronized boolean end() {
        if (ended) return false;
        ended = true;
        return true;
    }

    private void check() throws IOException {
        if (ended) throw new IOException("the response has ended");
    }
}
