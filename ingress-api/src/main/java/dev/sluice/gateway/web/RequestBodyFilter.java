package dev.sluice.gateway.web;

import dev.sluice.gateway.api.ApiJson;
import dev.sluice.schemas.openai.OpenAiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards request bodies on {@code /v1} before anything parses them: a body must be UTF-8 JSON
 * (415 otherwise) and at most {@code maxBytes} long (413), whether it declares its length or
 * arrives chunked. Runs after authentication, so an anonymous caller learns nothing but 401.
 */
public final class RequestBodyFilter extends OncePerRequestFilter {
    private final long maxBytes;

    public RequestBodyFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length > maxBytes) {
            reject(
                    response,
                    413,
                    "The request body is " + length + " bytes; at most " + maxBytes + " bytes are accepted.",
                    "request_too_large");
            return;
        }
        if (length > 0 || chunked) {
            String problem = contentTypeProblem(request.getContentType());
            if (problem != null) {
                reject(response, 415, problem, "unsupported_media_type");
                return;
            }
            chain.doFilter(new Limited(request, maxBytes), response);
            return;
        }
        chain.doFilter(request, response);
    }

    static @Nullable String contentTypeProblem(@Nullable String header) {
        if (header == null || header.isBlank())
            return "The request has a body but no Content-Type; send Content-Type: application/json.";
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            return "The Content-Type header is not a valid media type; send Content-Type: application/json.";
        }
        if (!MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
            return "Content-Type " + type.getType() + "/" + type.getSubtype()
                    + " is not supported; send the body as application/json.";
        }
        String charset = type.getParameter("charset");
        if (charset != null
                && !charset.replace("\"", "").toLowerCase(Locale.ROOT).equals("utf-8")) {
            return "Only UTF-8 JSON is accepted; drop the charset parameter or use charset=utf-8.";
        }
        return null;
    }

    static void reject(HttpServletResponse response, int status, String message, String code) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        // The body is not read; do not let the container try to keep reading a huge one.
        if (status == 413) response.setHeader("Connection", "close");
        response.getOutputStream().write(ApiJson.bytes(OpenAiError.of(message, "invalid_request_error", null, code)));
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long maxBytes;
        private @Nullable ServletInputStream stream;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) stream = new LimitedInputStream(super.getInputStream(), maxBytes);
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
