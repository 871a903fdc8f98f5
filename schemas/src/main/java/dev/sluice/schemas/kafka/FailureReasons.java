package dev.sluice.schemas.kafka;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Says why a record failed without quoting it. Exception messages routinely carry the data they
 * choked on (a parser's "Unrecognized token 'alice@example.com'", a number format's "For input
 * string", a database's "Failing row contains (...)"), and these reasons go to logs and to
 * {@code chat.deadletter}, which must never hold raw content. So a reason names the exception,
 * where it was thrown, and, for a parser, the position in the record, but never the message,
 * unless the exception says its message is free of content.
 */
public final class FailureReasons {

    /** Marks an exception whose message was written to carry no record content, so it may be shown. */
    public interface ContentFree {}

    public static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (depth > 0) out.append(" <- ");
            out.append(t.getClass().getSimpleName());
            if (t instanceof ContentFree && t.getMessage() != null)
                out.append(": ").append(t.getMessage());
            if (t instanceof JacksonException j
                    && j.getLocation() != null
                    && j.getLocation() != TokenStreamLocation.NA) {
                out.append(" at line ")
                        .append(j.getLocation().getLineNr())
                        .append(", column ")
                        .append(j.getLocation().getColumnNr());
            }
            StackTraceElement[] frames = t.getStackTrace();
            if (frames.length > 0)
                out.append(" (")
                        .append(frames[0].getFileName())
                        .append(':')
                        .append(frames[0].getLineNumber())
                        .append(')');
            if (t.getCause() == t) break;
        }
        return out.toString();
    }

    private FailureReasons() {}
}
