package dev.sluice.bridge;

import dev.sluice.bridge.cancel.CancelPublisher;
import dev.sluice.bridge.cancel.DisconnectCanceller;
import dev.sluice.bridge.registry.StreamRegistry;
import dev.sluice.bridge.replay.History;
import dev.sluice.bridge.replay.ReplayReader;
import dev.sluice.bridge.route.EventFeed;
import dev.sluice.bridge.route.StreamRouter;
import dev.sluice.bridge.route.Subscription;
import dev.sluice.bridge.sse.GuardedOutput;
import dev.sluice.bridge.sse.Outcome;
import dev.sluice.bridge.sse.ResponseWriter;
import dev.sluice.bridge.sse.SseWriter;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.log.LogKeys;
import dev.sluice.schemas.metrics.MeterNames;
import dev.sluice.schemas.openai.ChunkFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The bridge as the gateway's controllers see it: register a response, subscribe to it,
 * resume it from Kafka, write it to an HTTP response as SSE (tracking who is attached so a
 * dropped client is cancelled after the grace period), cancel it.
 */
public final class StreamBridge {
    private static final Logger log = LoggerFactory.getLogger(StreamBridge.class);
    private final BridgeSettings settings;
    private final StreamRouter router;
    private final StreamRegistry registry;
    private final ReplayReader replay;
    private final DisconnectCanceller canceller;
    private final CancelPublisher cancels;
    private final ResponseWriter writer;
    private final Counter slowConsumers;

    public StreamBridge(
            BridgeSettings settings,
            StreamRouter router,
            StreamRegistry registry,
            ReplayReader replay,
            DisconnectCanceller canceller,
            CancelPublisher cancels,
            MeterRegistry meters) {
        this.settings = settings;
        this.router = router;
        this.registry = registry;
        this.replay = replay;
        this.canceller = canceller;
        this.cancels = cancels;
        this.writer = new ResponseWriter(settings.heartbeat(), settings.idleTimeout());
        this.slowConsumers = Counter.builder(MeterNames.BRIDGE_SLOW_CONSUMERS)
                .description("connections closed because the client read too slowly")
                .register(meters);
    }

    /** A new correlation id whose tokens come to this gateway: see {@link StreamRouter#mint}. */
    public String mint() {
        return router.mint();
    }

    /** Registers a new response under its correlation id; see {@link Claim}. */
    public Claim claim(String correlationId, StreamTicket ticket) {
        return registry.claim(correlationId, ticket);
    }

    public void release(String correlationId) {
        registry.release(correlationId);
    }

    /** Live events of a response about to be requested: subscribe before publishing, so none is missed. */
    public OpenResponse subscribe(String correlationId) {
        return new OpenResponse(EventFeed.live(router.subscribe(correlationId)), settings.decisionTimeout());
    }

    public Optional<StreamTicket> owned(String correlationId, String user) {
        return registry.owned(correlationId, user);
    }

    /**
     * Everything of a response after {@code afterSeq}: subscribes to live events first, then
     * reads history from Kafka, so nothing falls between the two. Empty when the client already
     * has the whole response.
     *
     * @throws ReplayRefusedException when the owner holds its share of the replay pool or none is free in time
     */
    public Optional<OpenResponse> resume(String correlationId, StreamTicket ticket, long afterSeq)
            throws InterruptedException {
        Subscription live = router.subscribe(correlationId, afterSeq);
        try {
            History history = replay.read(ticket.user(), correlationId, ticket.acceptedAtMs(), afterSeq);
            if (history.finished() && history.events().isEmpty()) {
                live.close();
                return Optional.empty();
            }
            return Optional.of(
                    new OpenResponse(new EventFeed(live, history.events(), afterSeq), settings.decisionTimeout()));
        } catch (RuntimeException | InterruptedException e) {
            live.close();
            throw e;
        }
    }

    /**
     * Writes a response to an HTTP response as SSE until it ends or the client leaves, taking
     * over its events (they are closed when the stream ends). While it runs the connection counts
     * as attached; if it ends before the response did, the response is cancelled unless someone
     * re-attaches within the grace period.
     *
     * <p>The request goes async and the writing moves to a fresh virtual thread, so the request
     * thread returns and its deep stack (filters, security, MVC) is freed: an open stream then
     * costs its small write loop, not a parked request thread (about 33 KB less per stream,
     * which matters at ten thousand streams).
     */
    public void stream(SseRequest sse) throws IOException {
        HttpServletRequest request = sse.request();
        HttpServletResponse response = sse.response();
        EventFeed feed = sse.events().feed();
        @Nullable StreamEvent first = sse.events().takeDecision();
        StreamTicket ticket = sse.ticket();
        ChunkFormat format = new ChunkFormat(feed.correlationId(), ticket.model(), ticket.acceptedAtMs() / 1000);
        // Everything that touches the response object happens here, on the request thread;
        // the writer thread only sees the guarded output.
        SseWriter.prepare(response);
        GuardedOutput out = new GuardedOutput(response.getOutputStream());
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(0); // the stream ends itself (terminal event, idle timeout or a failed write)
        async.addListener(new Ending(out));
        String requestId = MDC.get(LogKeys.REQUEST_ID);
        Thread.ofVirtual().name("sluice-sse-", 0).start(() -> {
            if (requestId != null) MDC.put(LogKeys.REQUEST_ID, requestId);
            try (feed) {
                write(out, feed, first, ticket.user(), format, ticket.includeUsage(), sse.fromStart());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("stream {} failed: {}", feed.correlationId(), e.toString(), e);
            } finally {
                if (out.end()) async.complete();
                MDC.remove(LogKeys.REQUEST_ID);
            }
        });
    }

    /** The synchronous part of {@link #stream}: attach, write until the end, detach. */
    Outcome write(
            OutputStream out,
            EventFeed feed,
            @Nullable StreamEvent first,
            String user,
            ChunkFormat format,
            boolean includeUsage,
            boolean fromStart)
            throws InterruptedException {
        String id = feed.correlationId();
        registry.attach(id);
        Outcome outcome = Outcome.CLIENT_GONE;
        try {
            SseWriter sse = new SseWriter(out, settings.retry().toMillis());
            outcome = writer.stream(feed, first, sse, format, includeUsage, fromStart);
            return outcome;
        } catch (IOException e) {
            return Outcome.CLIENT_GONE;
        } finally {
            long gen = registry.detach(id);
            if (outcome == Outcome.SLOW_CONSUMER) slowConsumers.increment();
            if (outcome.leftResponseUnread()) canceller.detached(id, user, gen);
        }
    }

    /** The container ended the request (client gone, error): stop all writes before it recycles the response. */
    private record Ending(GuardedOutput out) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            out.end();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (out.end()) event.getAsyncContext().complete();
        }

        @Override
        public void onError(AsyncEvent event) {
            // Completing here also spares the client an error page dispatch into an event stream.
            if (out.end()) event.getAsyncContext().complete();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }

    /** Reads a whole response for a non-streaming request; null when it stalled past the idle timeout. */
    public @Nullable Collected collect(OpenResponse events) throws InterruptedException {
        return writer.collect(events.feed(), events.takeDecision());
    }

    /** Cancels a response now; completes when the cancellation is durable in Kafka. */
    public CompletableFuture<Void> cancel(String correlationId, String user) {
        return cancels.cancel(correlationId, user, "cancelled_by_client");
    }
}
