package dev.sluice.schemas.net;

/** A server could not bind its port because another process holds it; {@link LocalPorts#startWithRetry} tries other ports. */
public final class PortInUseException extends RuntimeException {
    private final int port;

    public PortInUseException(int port, String what, Throwable cause) {
        super("port " + port + " on 127.0.0.1 for " + what + " is in use by another process", cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
