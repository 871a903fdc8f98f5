package dev.sluice.gateway.api;

import dev.sluice.gateway.web.BodyTooLargeException;
import dev.sluice.gateway.web.InvalidUtf8Exception;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns a body that could not be read into the client's error: 413 for a body over the limit,
 * 400 with the offending field for a wrong type, 400 with the parser's position otherwise.
 * Messages name fields and JSON types, never Java classes.
 */
public final class BodyErrors {

    public static ApiException of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLargeException big) {
                return new ApiException(
                        HttpStatus.PAYLOAD_TOO_LARGE,
                        "invalid_request_error",
                        null,
                        "request_too_large",
                        "The request body is larger than " + big.limit() + " bytes.",
                        Map.of("Connection", "close"));
            }
            if (t instanceof InvalidUtf8Exception utf8) {
                return ApiException.invalid(
                        null,
                        "invalid_encoding",
                        "The request body is not valid UTF-8 (first bad byte at offset " + utf8.offset()
                                + "); send JSON encoded as UTF-8.");
            }
            if (t instanceof StreamConstraintsException limit) {
                return ApiException.invalid(
                        null,
                        "invalid_json",
                        "The JSON is nested too deeply or holds an over-long value: "
                                + firstLine(limit.getOriginalMessage()));
            }
            if (t instanceof MismatchedInputException mismatch) {
                String param = path(mismatch);
                if (param.isEmpty()) {
                    return ApiException.invalid(
                            null,
                            "invalid_json",
                            "The request body must be one JSON object: " + firstLine(mismatch.getOriginalMessage()));
                }
                return ApiException.invalid(
                        param,
                        "invalid_type",
                        "'" + param + "' has the wrong JSON type" + expected(mismatch)
                                + "; see the Chat Completions API reference.");
            }
            if (t instanceof StreamReadException read) {
                String where = read.getLocation() == null
                        ? ""
                        : " (line " + read.getLocation().getLineNr() + ", column "
                                + read.getLocation().getColumnNr() + ")";
                return ApiException.invalid(
                        null,
                        "invalid_json",
                        "The request body is not valid UTF-8 JSON" + where + ": "
                                + firstLine(read.getOriginalMessage()));
            }
        }
        return missing();
    }

    /** No body, or one that is not a JSON object. */
    public static ApiException missing() {
        return ApiException.invalid(null, "invalid_json", "The request body is missing or is not a JSON object.");
    }

    /** JSON path of the offending value, OpenAI style: {@code messages[0].content}. */
    static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String expected(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        if (type == null) return "";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class)
            return " (expected an integer)";
        if (type == Double.class || type == double.class) return " (expected a number)";
        if (type == Boolean.class || type == boolean.class) return " (expected true or false)";
        if (type == String.class) return " (expected a string)";
        if (java.util.List.class.isAssignableFrom(type)) return " (expected an array)";
        return " (expected an object)";
    }

    private static String firstLine(String m) {
        if (m == null) return "unreadable input";
        int nl = m.indexOf('\n');
        String line = nl > 0 ? m.substring(0, nl) : m;
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private BodyErrors() {}
}
