package dev.sluice.gateway.chat;

import dev.sluice.bridge.Collected;
import dev.sluice.bridge.OpenResponse;
import dev.sluice.bridge.SseRequest;
import dev.sluice.bridge.StreamBridge;
import dev.sluice.bridge.StreamTicket;
import dev.sluice.gateway.api.ApiException;
import dev.sluice.gateway.api.ApiJson;
import dev.sluice.gateway.web.ChatRequestBody;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.event.Usage;
import dev.sluice.schemas.log.LogKeys;
import dev.sluice.schemas.openai.ChunkFormat;
import dev.sluice.schemas.role.ConditionalOnRole;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/chat/completions}. Runs on a virtual thread per request, so it simply
 * blocks on the response's feed; the bridge writes the events.
 *
 * <p>Decision before headers: the response is held until the first stream event (at most
 * {@code sluice.bridge.decision-timeout}), so a prompt the topology blocks gets a 400 with the
 * reason rather than a 200 stream that then errors.
 */
@RestController
@ConditionalOnRole("gateway")
public class ChatCompletionsController {
    /** Set by the gateway's request-id filter: an id the bridge minted (never the client's X-Request-Id). */
    public static final String CORRELATION_ID_ATTRIBUTE = "sluice.correlationId";

    private static final Logger log = LoggerFactory.getLogger(ChatCompletionsController.class);

    private final ChatService chat;
    private final StreamBridge bridge;

    public ChatCompletionsController(ChatService chat, StreamBridge bridge) {
        this.chat = chat;
        this.bridge = bridge;
    }

    /** The body is read by {@link ChatRequestBody} (see there why not by an {@code @RequestBody} argument). */
    @PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public void complete(HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        Principal principal = request.getUserPrincipal(); // set by the bearer-token filter: /v1/** requires it
        if (principal == null) {
            throw new ApiException(
                    HttpStatus.UNAUTHORIZED,
                    "invalid_request_error",
                    null,
                    "invalid_api_key",
                    "Missing bearer token: send Authorization: Bearer <JWT>.",
                    Map.of());
        }
        ChatCompletionRequest body = ChatRequestBody.read(request.getInputStream());
        String correlationId = request.getAttribute(CORRELATION_ID_ATTRIBUTE) instanceof String id ? id : bridge.mint();
        MDC.put(LogKeys.REQUEST_ID, correlationId);
        try {
            response.setHeader("X-Request-Id", correlationId);
            AcceptedRequest accepted = chat.accept(body, principal.getName(), correlationId);
            response.setHeader("X-Conversation-Id", accepted.conversationId());
            OpenResponse events = accepted.events();
            boolean handedOver = false;
            try {
                StreamEvent first = events.awaitDecision();
                if (first != null && first.type() == StreamEvent.Type.BLOCKED) {
                    throw new ApiException(
                            HttpStatus.BAD_REQUEST,
                            "invalid_request_error",
                            "messages",
                            first.code() == null ? "content_blocked" : first.code(),
                            first.message() == null ? "The request was blocked." : first.message(),
                            Map.of());
                }
                if (first != null && first.type() == StreamEvent.Type.ERROR) throw errorOf(first);
                if (body.streaming()) {
                    bridge.stream(new SseRequest(request, response, events, accepted.ticket(), true));
                    handedOver = true;
                } else {
                    collect(events, accepted.ticket(), response);
                }
            } finally {
                if (!handedOver) events.close();
            }
        } finally {
            MDC.remove(LogKeys.REQUEST_ID);
        }
    }

    private void collect(OpenResponse events, StreamTicket ticket, HttpServletResponse response)
            throws IOException, InterruptedException {
        Collected done = bridge.collect(events);
        if (done == null) {
            throw new ApiException(
                    HttpStatus.GATEWAY_TIMEOUT,
                    "server_error",
                    null,
                    "timeout",
                    "No output from the engine in time.",
                    Map.of());
        }
        StreamEvent end = done.terminal();
        if (end.type() != StreamEvent.Type.DONE) throw errorOf(end);
        Usage usage = end.usage() == null ? new Usage(0, 0) : end.usage();
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        ChunkFormat format = new ChunkFormat(events.correlationId(), ticket.model(), ticket.acceptedAtMs() / 1000);
        response.getOutputStream().write(ApiJson.bytes(format.completion(done.text(), end.finishReason(), usage)));
    }

    private static ApiException errorOf(StreamEvent event) {
        String code = event.code() == null ? "engine_error" : event.code();
        HttpStatus status = switch (code) {
            case "context_length_exceeded", "content_blocked" -> HttpStatus.BAD_REQUEST;
            case "cancelled" -> HttpStatus.CONFLICT;
            default -> HttpStatus.BAD_GATEWAY;
        };
        log.warn("response ended with {}: {}", code, event.message());
        return new ApiException(
                status,
                status.is4xxClientError() ? "invalid_request_error" : "server_error",
                null,
                code,
                event.message() == null ? "The engine failed." : event.message(),
                Map.of());
    }
}
