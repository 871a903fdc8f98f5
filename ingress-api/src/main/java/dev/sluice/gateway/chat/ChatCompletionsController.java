package dev.sluice.gateway.chat;

import dev.sluice.bridge.Subscription;
import dev.sluice.gateway.api.ApiException;
import dev.sluice.gateway.api.ApiJson;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.event.Usage;
import dev.sluice.schemas.id.Ids;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/chat/completions}. Runs on a virtual thread per request, so it simply
 * blocks on the response's subscription and writes each event as it comes.
 *
 * <p>Decision before headers: the response is held until the first stream event (at most
 * {@code decisionTimeout}), so a prompt the topology blocks gets a 400 with the reason rather
 * than a 200 stream that then errors.
 */
@RestController
@ConditionalOnExpression("'${sluice.roles:gateway,topology,worker,persistence}'.contains('gateway')")
public class ChatCompletionsController {
    private static final Logger log = LoggerFactory.getLogger(ChatCompletionsController.class);

    private final ChatService chat;
    private final GatewaySettings settings;

    public ChatCompletionsController(ChatService chat, GatewaySettings settings) {
        this.chat = chat;
        this.settings = settings;
    }

    @PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public void complete(@RequestBody ChatCompletionRequest body, Principal principal,
                         @RequestHeader(value = "X-Request-Id", required = false) @Nullable String requestId,
                         HttpServletResponse response) throws IOException, InterruptedException {
        String correlationId = Ids.newId();
        MDC.put("requestId", correlationId);
        if (requestId != null && Ids.isAcceptableClientId(requestId)) MDC.put("clientRequestId", requestId);
        try {
            response.setHeader("X-Request-Id", correlationId);
            AcceptedRequest accepted = chat.accept(body, principal.getName(), correlationId);
            response.setHeader("X-Conversation-Id", accepted.conversationId());
            try (Subscription subscription = accepted.subscription()) {
                StreamEvent first = subscription.poll(settings.decisionTimeout());
                if (first != null && first.type() == StreamEvent.Type.BLOCKED) {
                    throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request_error", "messages",
                            first.code() == null ? "content_blocked" : first.code(), first.message(), Map.of());
                }
                if (first != null && first.type() == StreamEvent.Type.ERROR) throw errorOf(first);
                ChunkFormat format = new ChunkFormat(correlationId, accepted.model(), accepted.acceptedAtMs() / 1000);
                if (body.streaming()) {
                    stream(subscription, first, format, body.includeUsage(), response);
                } else {
                    collect(subscription, first, format, response);
                }
            }
        } finally {
            MDC.remove("requestId");
            MDC.remove("clientRequestId");
        }
    }

    private void stream(Subscription subscription, @Nullable StreamEvent first, ChunkFormat format, boolean includeUsage,
                        HttpServletResponse response) throws IOException, InterruptedException {
        SseWriter sse = new SseWriter(response, settings.retryMs());
        sse.event(0, format.delta("assistant", "", null));
        StreamEvent event = first;
        long idleSince = System.nanoTime();
        while (true) {
            if (event == null) {
                if (subscription.overflowed()) {
                    sse.data(ChunkFormat.error("The client read too slowly and fell behind; resume with Last-Event-ID.", "server_error", "slow_consumer"));
                    return;
                }
                if (System.nanoTime() - idleSince > settings.idleTimeout().toNanos()) {
                    sse.data(ChunkFormat.error("No output from the engine for " + settings.idleTimeout().toSeconds() + " s.", "server_error", "timeout"));
                    return;
                }
                sse.heartbeat();
            } else {
                idleSince = System.nanoTime();
                switch (event.type()) {
                    case CHUNK -> sse.event(event.seq(), format.delta(null, event.text(), null));
                    case DONE -> {
                        sse.event(event.seq(), format.delta(null, null, event.finishReason()));
                        if (includeUsage && event.usage() != null) sse.data(format.usageChunk(event.usage()));
                        sse.data("[DONE]");
                        return;
                    }
                    case ERROR, BLOCKED -> {
                        sse.event(event.seq(), ChunkFormat.error(event.message(), "server_error", event.code()));
                        return;
                    }
                }
            }
            event = subscription.poll(settings.heartbeat());
        }
    }

    private void collect(Subscription subscription, @Nullable StreamEvent first, ChunkFormat format,
                         HttpServletResponse response) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        StreamEvent event = first;
        long deadline = System.nanoTime() + settings.idleTimeout().toNanos();
        while (true) {
            if (event == null) {
                if (System.nanoTime() > deadline) {
                    throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, "server_error", null, "timeout", "No output from the engine in time.", Map.of());
                }
            } else {
                deadline = System.nanoTime() + settings.idleTimeout().toNanos();
                switch (event.type()) {
                    case CHUNK -> text.append(event.text());
                    case DONE -> {
                        Usage usage = event.usage() == null ? new Usage(0, 0) : event.usage();
                        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                        response.getOutputStream().write(ApiJson.bytes(format.completion(text.toString(), event.finishReason(), usage)));
                        return;
                    }
                    case ERROR, BLOCKED -> throw errorOf(event);
                }
            }
            event = subscription.poll(Duration.ofSeconds(1));
        }
    }

    private static ApiException errorOf(StreamEvent event) {
        String code = event.code() == null ? "engine_error" : event.code();
        HttpStatus status = switch (code) {
            case "context_length_exceeded", "content_blocked" -> HttpStatus.BAD_REQUEST;
            case "cancelled" -> HttpStatus.CONFLICT;
            default -> HttpStatus.BAD_GATEWAY;
        };
        log.warn("response ended with {}: {}", code, event.message());
        return new ApiException(status, status.is4xxClientError() ? "invalid_request_error" : "server_error", null, code,
                event.message() == null ? "The engine failed." : event.message(), Map.of());
    }
}
