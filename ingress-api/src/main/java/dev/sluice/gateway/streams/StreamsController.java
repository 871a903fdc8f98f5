package dev.sluice.gateway.streams;

import dev.sluice.bridge.OpenResponse;
import dev.sluice.bridge.RegistryUnavailableException;
import dev.sluice.bridge.ReplayRefusedException;
import dev.sluice.bridge.SseRequest;
import dev.sluice.bridge.StreamBridge;
import dev.sluice.bridge.StreamTicket;
import dev.sluice.gateway.api.ApiException;
import dev.sluice.schemas.log.LogKeys;
import dev.sluice.schemas.role.ConditionalOnRole;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/streams/{id}} attaches to a response, on any gateway instance, while it runs or
 * after it finished (within the resume window), and resumes after {@code Last-Event-ID} with
 * no gap and no duplicate. {@code POST /v1/streams/{id}/cancel} stops it. Only the owner sees
 * a stream; for anyone else it does not exist (404, never 403, so ids leak nothing).
 */
@RestController
@ConditionalOnRole("gateway")
public class StreamsController {
    private static final Duration CANCEL_ACK_TIMEOUT = Duration.ofSeconds(10);

    private final StreamBridge bridge;

    public StreamsController(StreamBridge bridge) {
        this.bridge = bridge;
    }

    /**
     * Without a last event id the whole response is sent, starting with the role chunk (id 0).
     * A client that already has the terminal event gets 204, which tells an EventSource to stop
     * reconnecting.
     */
    @GetMapping("/v1/streams/{id}")
    public void attach(
            @PathVariable String id,
            Principal principal,
            @RequestHeader(value = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
            @RequestParam(value = "last_event_id", required = false) @Nullable String lastEventIdParam,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException, InterruptedException {
        StreamTicket ticket = owned(id, principal);
        long lastEventId = LastEventId.parse(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam);
        MDC.put(LogKeys.REQUEST_ID, id);
        try {
            response.setHeader("X-Request-Id", id);
            Optional<OpenResponse> feed;
            try {
                feed = bridge.resume(id, ticket, Math.max(0, lastEventId));
            } catch (ReplayRefusedException e) {
                throw refused(e);
            } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
                throw ApiException.unavailable(
                        "replay_unavailable",
                        "The stream's history could not be read from Kafka just now; retry shortly.");
            }
            if (feed.isEmpty()) {
                response.setStatus(HttpStatus.NO_CONTENT.value());
                return;
            }
            bridge.stream(new SseRequest(request, response, feed.get(), ticket, lastEventId < 0));
        } finally {
            MDC.remove(LogKeys.REQUEST_ID);
        }
    }

    @PostMapping("/v1/streams/{id}/cancel")
    public ResponseEntity<Map<String, String>> cancel(@PathVariable String id, Principal principal)
            throws InterruptedException {
        owned(id, principal);
        try {
            bridge.cancel(id, principal.getName()).get(CANCEL_ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw ApiException.unavailable("kafka_unavailable", "The cancellation could not be queued; try again.");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id, "status", "cancelling"));
    }

    private static ApiException refused(ReplayRefusedException e) {
        Map<String, String> retry =
                Map.of("Retry-After", Long.toString(e.retryAfter().toSeconds()));
        if (e.userShare()) {
            return new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "requests",
                    null,
                    "too_many_resumes",
                    "This user already has " + e.limit()
                            + " stream resumes being read on this server; wait for them to finish and retry.",
                    retry);
        }
        return new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "server_error",
                null,
                "replay_busy",
                "Every stream resume slot of this server is busy; retry shortly.",
                retry);
    }

    private StreamTicket owned(String id, Principal principal) {
        Optional<StreamTicket> ticket;
        try {
            ticket = bridge.owned(id, principal.getName());
        } catch (RegistryUnavailableException e) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "server_error",
                    null,
                    "stream_registry_unavailable",
                    "Who owns stream " + id + " cannot be checked right now; retry shortly.",
                    Map.of("Retry-After", "1"));
        }
        return ticket.orElseThrow(() -> new ApiException(
                HttpStatus.NOT_FOUND,
                "invalid_request_error",
                "id",
                "stream_not_found",
                "No stream " + id + " exists for you (it may have expired after the resume window).",
                Map.of()));
    }
}
