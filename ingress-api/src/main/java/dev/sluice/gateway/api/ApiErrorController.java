package dev.sluice.gateway.api;

import dev.sluice.schemas.openai.OpenAiError;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel {@code /error}: whatever reaches the container's error page
 * (a {@code sendError}, an exception outside Spring MVC) still leaves as OpenAI's JSON, with no
 * stack trace and no exception text.
 */
@RestController
public class ApiErrorController implements ErrorController {

    @RequestMapping("/error")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
        if (status == null || !status.isError()) status = HttpStatus.INTERNAL_SERVER_ERROR;
        ErrorAdvice.write(
                response,
                status,
                OpenAiError.of(
                        message(status),
                        status.is5xxServerError() ? "server_error" : "invalid_request_error",
                        null,
                        status.name().toLowerCase(java.util.Locale.ROOT)));
    }

    private static String message(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "No such endpoint; see the OpenAI Chat Completions API (POST /v1/chat/completions).";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on this endpoint.";
            case BAD_REQUEST -> "The request could not be read; check its URL, headers and body.";
            case PAYLOAD_TOO_LARGE -> "The request is too large.";
            default ->
                status.is5xxServerError()
                        ? "The server failed to handle this request; it was logged with its request id."
                        : "The request was refused (" + status.value() + " " + status.getReasonPhrase() + ").";
        };
    }
}
