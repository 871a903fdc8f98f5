package dev.sluice.schemas.log;

/**
 * Keys of the logging context (SLF4J MDC) that every module writes and the log layouts read
 * ({@code logging.pattern.correlation} in the application's properties, the Logstash JSON layout).
 */
public final class LogKeys {
    /** The correlation id of the request a log line belongs to: the X-Request-Id the client sees. */
    public static final String REQUEST_ID = "requestId";

    private LogKeys() {}
}
