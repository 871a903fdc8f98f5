package dev.sluice.schemas.lifecycle;

/**
 * A thread a role cannot work without (the gateway's stream router, the worker loop). The
 * application's health reports every one of them by bean name, so it needs no module's internals.
 */
public interface BackgroundLoop {
    /** False once the loop's thread has stopped or it can no longer do its job; it logs why. */
    boolean alive();
}
