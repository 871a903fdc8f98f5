package dev.sluice.gateway.api;

import dev.sluice.schemas.openai.OpenAiError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error leaves as OpenAI's JSON with a message a person can act on; never a stack trace. */
@RestControllerAdvice
public class ErrorAdvice {
    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    @ExceptionHandler(ApiException.class)
    public void api(ApiException e, HttpServletResponse response) throws IOException {
        e.headers().forEach(response::setHeader);
        write(response, e.status(), e.body());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public void unreadable(HttpMessageNotReadableException e, HttpServletResponse response) throws IOException {
        ApiException mapped = BodyErrors.of(e);
        write(response, mapped.status(), mapped.body());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public void mediaType(HttpMediaTypeNotSupportedException e, HttpServletResponse response) throws IOException {
        write(
                response,
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                OpenAiError.of(
                        "Send the request body as application/json.",
                        "invalid_request_error",
                        null,
                        "unsupported_media_type"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public void method(HttpRequestMethodNotSupportedException e, HttpServletResponse response) throws IOException {
        write(
                response,
                HttpStatus.METHOD_NOT_ALLOWED,
                OpenAiError.of(
                        "Method " + e.getMethod() + " is not allowed here.",
                        "invalid_request_error",
                        null,
                        "method_not_allowed"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public void notFound(NoResourceFoundException e, HttpServletResponse response) throws IOException {
        write(
                response,
                HttpStatus.NOT_FOUND,
                OpenAiError.of(
                        "No such endpoint: /" + e.getResourcePath(), "invalid_request_error", null, "not_found"));
    }

    /**
     * A query or path parameter that does not convert ({@code ?limit=abc}, a number beyond an
     * int): the client's mistake. Spring MVC leaves it to the catch-all below, which made it a 500.
     */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public void parameterType(MethodArgumentTypeMismatchException e, HttpServletResponse response) throws IOException {
        String type = e.getRequiredType() == null
                ? "value"
                : switch (e.getRequiredType().getSimpleName()) {
                    case "int", "Integer", "long", "Long" -> "whole number within range";
                    case "boolean", "Boolean" -> "true or false";
                    default -> "value of the expected kind";
                };
        String given = String.valueOf(e.getValue());
        if (given.length() > 40) given = given.substring(0, 40) + "...";
        write(
                response,
                HttpStatus.BAD_REQUEST,
                OpenAiError.of(
                        "The parameter '" + e.getName() + "' must be a " + type + "; got '" + given + "'.",
                        "invalid_request_error",
                        e.getName(),
                        "invalid_type"));
    }

    @ExceptionHandler(Exception.class)
    public void unexpected(Exception e, HttpServletResponse response) throws IOException {
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            // Spring MVC's own refusals (missing parameter, not acceptable, ...): the client's
            // mistake, so its status, never a 500.
            HttpStatus status = HttpStatus.valueOf(known.getStatusCode().value());
            String detail = known.getBody().getDetail();
            write(
                    response,
                    status,
                    OpenAiError.of(
                            detail == null ? status.getReasonPhrase() : detail,
                            "invalid_request_error",
                            null,
                            status.name().toLowerCase(java.util.Locale.ROOT)));
            return;
        }
        log.error("unexpected error: {}", e.toString(), e);
        write(
                response,
                HttpStatus.INTERNAL_SERVER_ERROR,
                OpenAiError.of(
                        "The server failed to handle this request; it was logged with its request id.",
                        "server_error",
                        null,
                        "internal_error"));
    }

    public static void write(HttpServletResponse response, HttpStatus status, OpenAiError body) throws IOException {
        if (response.isCommitted()) return;
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(ApiJson.bytes(body));
    }
}
